import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A browser an account has signed in from successfully, known by the random `hw_device` cookie
 * it was given. Sign-ins from it skip the account's backoff, so failures made elsewhere cannot
 * keep the owner out; five wrong passwords from it and it is forgotten.
 */
@Entity('known_devices')
@Index(['userId', 'deviceHash'], { unique: true })
export class KnownDevice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** SHA-256 of the cookie's 256-bit random value. */
  @Column({ type: 'char', length: 64, name: 'device_hash' })
  deviceHash!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at' })
  lastUsedAt!: Date;

  /** Wrong passwords from this browser since its last success. */
  @Column({ type: 'integer', default: 0 })
  failures!: number;
}
