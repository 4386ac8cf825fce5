import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A checkpoint's code replaced by a rotation, with the span it was in force. A check dated in that
 * span still confirms the checkpoint with it: a phone that was offline when the admin rotated the
 * code holds checks typed from the old sheet, taken while that sheet was the posted one.
 */
@Entity('patrol_retired_codes')
@Index('idx_patrol_retired_codes_checkpoint', ['checkpointId', 'scanCode'])
export class PatrolRetiredCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'uuid', name: 'checkpoint_id' })
  checkpointId!: string;

  @Column({ type: 'varchar', length: 16, name: 'scan_code' })
  scanCode!: string;

  /** From when it confirmed checks; null when it was the checkpoint's first code. */
  @Column({ type: 'timestamptz', name: 'valid_from', nullable: true })
  validFrom!: Date | null;

  /** The rotation: checks dated from this moment on need the newer code. */
  @Column({ type: 'timestamptz', name: 'retired_at' })
  retiredAt!: Date;
}
