import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the round's checklist, tied to the rectification items it verifies (by number only). */
@Entity('patrol_checkpoints')
@Index(['siteId', 'code'], { unique: true })
export class PatrolCheckpoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', name: 'label_en', nullable: true })
  labelEn!: string | null;

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  items!: number[];

  @Column({ type: 'int', name: 'deduct_points', default: 1 })
  deductPoints!: number;

  @Column({ type: 'int', default: 0 })
  position!: number;

  /** The code posted at the checkpoint (printed with its QR code); confirming the checkpoint on a round takes it. */
  @Column({ type: 'varchar', length: 16, name: 'scan_code' })
  scanCode!: string;

  /**
   * When the code took over from a rotated one: it confirms checks dated from then on. Null for a
   * checkpoint's first code, which nobody could know before it was printed.
   */
  @Column({ type: 'timestamptz', name: 'scan_code_since', nullable: true })
  scanCodeSince!: Date | null;

  /** Retired checkpoints leave the checklist but keep the history that names them. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
