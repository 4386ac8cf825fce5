import type { CalendarDayKind } from '@hallwatch/shared';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Every site's calendar. */
export const ALL_SITES_SCOPE = '*';

// Exceptions to Monday–Friday: public holidays on weekdays and make-up working weekends
// (调休). `scope` is '*' for every site or a site id; a site's own entry wins.
@Entity('calendar_days')
export class CalendarDay {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  scope!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: CalendarDayKind;

  @Column({ type: 'text' })
  name!: string;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
