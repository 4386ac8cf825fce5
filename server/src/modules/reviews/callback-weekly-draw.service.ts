import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { addDays, isoWeekday, zonedInstant } from '../../core/time/zoned-time';
import type { DomainEvents } from '../domain-events/domain-events';
import { Site } from '../registry/site.entity';

/** How many finished weeks back the minimum is made up, should the job have been down. */
export const WEEKLY_DRAW_WEEKS_BACK = 4;

export interface WeeklyDraw {
  site: string;
  /** The Monday (hall-local) of the week drawn for. */
  week: string;
  handler: string;
  checkId: string;
}

// The weekly minimum of 回访核实: every handler who closed cases in a finished week (Monday to
// Sunday, hall time) has at least one of those closures drawn for a second callback. The job
// that calls this runs hourly, so each site's week is drawn within the hour after it ends in its
// own time zone, and a week missed while the workers were down is made up at the next run.
@Injectable()
export class CallbackWeeklyDrawService {
  private readonly logger = new Logger('callback-checks');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly events?: DomainEventBus<DomainEvents>,
  ) {}

  /** Draws what the finished weeks still lack; safe to run again, or in two processes at once. */
  async drawWeeklyMinimum(): Promise<WeeklyDraw[]> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - (WEEKLY_DRAW_WEEKS_BACK + 1) * 7 * 86_400_000);
    const sites = await this.ds
      .getRepository(Site)
      .createQueryBuilder('s')
      .where('EXISTS (SELECT 1 FROM callback_checks c WHERE c.site_id = s.id AND c.closed_at >= :since)', { since })
      .getMany();
    const drawn: WeeklyDraw[] = [];
    for (const site of sites) {
      const today = serviceDay(now, site.timezone);
      const thisMonday = addDays(today, 1 - isoWeekday(today));
      const mine: WeeklyDraw[] = [];
      for (let k = WEEKLY_DRAW_WEEKS_BACK; k >= 1; k--) {
        const monday = addDays(thisMonday, -7 * k);
        const rows = await queryRows<{ id: string; handler: string }>(
          this.ds,
          // The handler's undrawn closure with the lowest draw value: the same one whichever
          // process runs, so two racing runs update one row, and the second finds it drawn.
          `WITH week AS (
             SELECT id, handler, draw_value, drawn_at FROM callback_checks
             WHERE site_id = $1 AND closed_at >= $2 AND closed_at < $3),
           pick AS (
             SELECT DISTINCT ON (handler) id FROM week w
             WHERE NOT EXISTS (SELECT 1 FROM week d WHERE d.handler = w.handler AND d.drawn_at IS NOT NULL)
             ORDER BY handler, draw_value, id)
           UPDATE callback_checks c SET drawn_at = $4, drawn_day = $5, reason = 'weekly_minimum'
           FROM pick WHERE c.id = pick.id AND c.drawn_at IS NULL
           RETURNING c.id, c.handler`,
          [site.id, zonedInstant(monday, '00:00', site.timezone), zonedInstant(addDays(monday, 7), '00:00', site.timezone), now, today],
        );
        mine.push(...rows.map((r) => ({ site: site.code, week: monday, handler: r.handler, checkId: r.id })));
      }
      if (!mine.length) continue;
      drawn.push(...mine);
      this.logger.log(`${site.code}: drew ${mine.length} closure(s) as handlers' weekly minimum`);
      // The verified share's denominator grew: the walls recompute.
      this.events?.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'follow-ups' });
    }
    return drawn;
  }
}
