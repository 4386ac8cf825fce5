import { Column, CreateDateColumn } from 'typeorm';

/** The columns every stored photo has, whatever it illustrates; each feature keys its own table. */
export abstract class StoredPhoto {
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
