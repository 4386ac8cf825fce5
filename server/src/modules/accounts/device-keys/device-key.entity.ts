import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('device_keys')
export class DeviceKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** SHA-256 of the key: keys are 256-bit random, so a fast hash cannot be brute-forced. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64, name: 'key_hash' })
  keyHash!: string;

  /** First characters of the key, shown to admins to tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** Requests with this key must carry a valid X-Hallwatch-Signature (devices that can sign). */
  @Column({ type: 'boolean', name: 'require_signature', default: false })
  requireSignature!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
