import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Every request made to a channel: the delivery log's detail and the rate limit's count (a
// robot allows so many messages a minute, whatever their outcome).
@Entity('notify_attempts')
@Index(['channelId', 'at'])
@Index(['deliveryId'])
export class NotifyAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid', name: 'delivery_id' })
  deliveryId!: string;

  @Column({ type: 'uuid', name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** null while under way: an attempt left open was cut short by a crash. */
  @Column({ type: 'boolean', nullable: true })
  ok!: boolean | null;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  /** How many deliveries the one message carried. */
  @Column({ type: 'integer', default: 1 })
  carried!: number;
}
