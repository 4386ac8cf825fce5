import { Column, Entity, PrimaryColumn } from 'typeorm';

// The deployment's one retention policy (id 1): the law's periods are the same for every site
// of a deployment, so it is not a per-site setting. No row means the defaults.
@Entity('retention_settings')
export class RetentionSettings {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'int', name: 'phone_days' })
  phoneDays!: number;

  @Column({ type: 'int', name: 'event_days' })
  eventDays!: number;

  @Column({ type: 'varchar', length: 16, name: 'event_action' })
  eventAction!: string;

  @Column({ type: 'int', name: 'photo_days' })
  photoDays!: number;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 100, name: 'updated_by' })
  updatedBy!: string;
}
