import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import { CalendarEditHook, CalendarService } from '../calendar/calendar.service';
import type { DomainEvents } from '../domain-events/domain-events';
import { Site } from '../registry/site.entity';
import { calendarFor, caseDeadlines } from './follow-up-opening';
import { OPEN_CASE } from './follow-up-views';
import { FollowUpProducer } from './jobs/follow-up.producer';

// Follow-up deadlines count in working days, so an edit of the working calendar moves the
// deadlines of the open cases it touches, in the edit's transaction.

type Kicks = Pick<FollowUpProducer, 'kickScheduling'>;

/**
 * The calendar hook of 好差评: deadlines moved with the edit (`reviews.changing` in its
 * transaction, since the rates count what was due), their jobs re-queued once it committed.
 */
export function deadlinesFollowCalendar(clock: Clock, producer: Kicks, events: DomainEventBus<DomainEvents>): CalendarEditHook {
  return async (em, site, from, to) => {
    const touched = await moveDeadlines(em, site, from, to, clock.now());
    for (const [siteId, days] of touched) await events.emitInOrder('reviews.changing', { em, siteId, days: [...days] });
    return () => {
      for (const siteId of touched.keys()) producer.kickScheduling(siteId);
      if (touched.size) events.emit('reviews.changed', { siteIds: [...touched.keys()] });
    };
  };
}

/** Re-derives the deadlines of open cases whose span covers the edited days; returns the hall days of the cases moved, by site. */
async function moveDeadlines(em: EntityManager, site: Site | null, from: string, to: string, now: Date): Promise<Map<string, Set<string>>> {
  // A reopened case counts its deadlines from its reopening (a second callback found it not done).
  const rows: Array<{ id: string; site_id: string; base: Date; contact_due_at: Date; resolve_due_at: Date; source_day: string }> =
    await em.query(
      `SELECT c.id, c.site_id, COALESCE(c.reopened_at, c.opened_at) AS base, c.contact_due_at, c.resolve_due_at,
         COALESCE(r.service_day, (c.opened_at AT TIME ZONE s.timezone)::date)::text AS source_day
       FROM follow_up_cases c JOIN sites s ON s.id = c.site_id
       LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
       WHERE ${OPEN_CASE} AND ($1::uuid IS NULL OR c.site_id = $1)
         -- Coarse in UTC (a day either side); the exact test is the recomputation below.
         AND COALESCE(c.reopened_at, c.opened_at) < ($3::date + 2)::timestamptz AND c.resolve_due_at > ($2::date - 1)::timestamptz
       FOR UPDATE OF c`,
      [site?.id ?? null, from, to],
    );
  const sites = new Map<string, Site>();
  const touched = new Map<string, Set<string>>();
  for (const r of rows) {
    let s = sites.get(r.site_id);
    if (!s) sites.set(r.site_id, (s = (await em.findOneBy(Site, { id: r.site_id }))!));
    const base = new Date(r.base);
    const due = caseDeadlines(s, base, await calendarFor(em, s, [base]));
    if (
      due.contactDueAt.getTime() === new Date(r.contact_due_at).getTime() &&
      due.resolveDueAt.getTime() === new Date(r.resolve_due_at).getTime()
    )
      continue;
    // A deadline moved into the future is no longer missed.
    await em.query(
      `UPDATE follow_up_cases SET contact_due_at = $2::timestamptz, resolve_due_at = $3::timestamptz, scheduled_at = NULL, updated_at = now(),
         contact_overdue_at = CASE WHEN $2::timestamptz > $4::timestamptz THEN NULL ELSE contact_overdue_at END,
         resolve_overdue_at = CASE WHEN $3::timestamptz > $4::timestamptz THEN NULL ELSE resolve_overdue_at END
       WHERE id = $1`,
      [r.id, due.contactDueAt, due.resolveDueAt, now],
    );
    touched.set(r.site_id, (touched.get(r.site_id) ?? new Set()).add(r.source_day));
  }
  return touched;
}

// A process without the queue (the CLI): an edit leaves moved cases unscheduled, and the server's sweep re-queues them.
const NO_KICKS: Kicks = { kickScheduling: () => undefined };

/**
 * The calendar for a process that has no queue to kick (the CLI), on the real clock unless given
 * one; edits still move deadlines, and tell `events` (the command's standalone bus) of it.
 */
export function calendarWithoutQueue(ds: DataSource, events: DomainEventBus<DomainEvents>, clock: Clock = new Clock()): CalendarService {
  const calendar = new CalendarService(ds, clock);
  calendar.onEdit(deadlinesFollowCalendar(clock, NO_KICKS, events));
  return calendar;
}
