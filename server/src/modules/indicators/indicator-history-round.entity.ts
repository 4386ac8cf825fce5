import { Column, Entity, PrimaryColumn } from 'typeorm';

// When the hourly history was last recorded, shared by every instance: each runs the same
// minute timer, and the first to move this mark takes the round, so N instances do not
// compute every site's snapshot N times a minute.
@Entity('indicator_history_rounds')
export class IndicatorHistoryRound {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name!: string;

  @Column({ type: 'timestamptz', name: 'last_at' })
  lastAt!: Date;
}
