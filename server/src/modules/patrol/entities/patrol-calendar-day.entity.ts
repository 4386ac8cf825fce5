import type { PatrolDayKind } from '@hallwatch/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day that breaks the weekly pattern: a public holiday, or a weekend day worked in exchange (调休). */
@Entity('patrol_calendar_days')
export class PatrolCalendarDay {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PatrolDayKind;

  @Column({ type: 'text', nullable: true })
  name!: string | null;
}
