import { Column, Entity, PrimaryColumn } from 'typeorm';

// Codes that events named but the registry lacks: the admin's to-do list for the roster.
@Entity('unknown_references')
export class UnknownReference {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: 'department' | 'window' | 'staff';

  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'timestamptz', name: 'first_seen' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz', name: 'last_seen' })
  lastSeen!: Date;

  @Column({ type: 'int', name: 'event_count', default: 0 })
  eventCount!: number;
}
