import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// A finding's photo, keyed by the check event it illustrates so that a resent upload is the
// same photo. Kept in the database: a backup of it is a backup of the patrol record.
@Entity('patrol_photos')
export class PatrolPhoto {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'check_event_id' })
  checkEventId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** Read only when the photo itself is asked for. */
  @Column({ type: 'bytea', select: false })
  bytes!: Buffer;

  @CreateDateColumn({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;
}
