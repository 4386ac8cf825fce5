import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// A checklist point's photo, one per point of a visit, so that a resent upload is the same photo.
// Kept in the database like patrol's: a backup of it is a backup of the visit record.
@Entity('visit_photos')
export class VisitPhoto {
  @PrimaryColumn({ type: 'uuid', name: 'visit_id' })
  visitId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  point!: string;

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
