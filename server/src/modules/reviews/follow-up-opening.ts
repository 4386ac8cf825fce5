import { EntityManager } from 'typeorm';
import { serviceDay } from '../../core/time/service-day';
import type { CommittingBatch } from '../domain-events/domain-events';
import { NewEvent } from '../projections/projector';
import { Site } from '../registry/site.entity';
import { readExceptions } from '../calendar/calendar-store';
import { followUpSettings } from './follow-up-settings';
import { calendarSpan, CalendarExceptions, workingDeadline } from '../../core/time/working-calendar';
import { addDays } from '../../core/time/zoned-time';

export interface CaseDeadlines {
  contactDueAt: Date;
  resolveDueAt: Date;
}

export function caseDeadlines(site: Site, openedAt: Date, calendar: CalendarExceptions): CaseDeadlines {
  const s = followUpSettings(site.settings);
  return {
    contactDueAt: workingDeadline(openedAt, s.contactDays, site.timezone, calendar),
    resolveDueAt: workingDeadline(openedAt, s.resolveDays, site.timezone, calendar),
  };
}

/** The calendar exceptions any of these instants' deadlines may need, read once. */
export async function calendarFor(em: EntityManager, site: Site, instants: Date[]): Promise<CalendarExceptions> {
  const days = instants.map((at) => serviceDay(at, site.timezone)).sort();
  const span = calendarSpan(days[days.length - 1], followUpSettings(site.settings).resolveDays);
  return readExceptions(em, site.id, addDays(days[0], -1), span.to);
}

const isBad = (e: NewEvent) => e.event.type === 'review.submitted' && (e.event.data as { rating: number }).rating <= 2;
const isComplaint = (e: NewEvent) => e.event.type === 'complaint.received';

/** Runs in the ingest transaction: every new bad review and complaint opens its case, committed with the events or not at all. */
export async function openFollowUps({ em, site, events }: CommittingBatch): Promise<void> {
  const opening = events.filter((e) => isBad(e) || isComplaint(e));
  if (!opening.length) return;
  const calendar = await calendarFor(
    em,
    site,
    opening.map((e) => e.occurredAt),
  );
  const rows = opening.map((e) => {
    const d = e.event.data as { department?: string; window?: string; staff?: string; realName?: boolean };
    return { e, d, due: caseDeadlines(site, e.occurredAt, calendar) };
  });
  await em.query(
    `INSERT INTO follow_up_cases (site_id, kind, source_id, department, "window", staff, real_name, opened_at, status,
       contact_due_at, resolve_due_at)
     SELECT $1, kind, source_id, department, win, staff, real_name, opened_at, 'awaiting_contact', contact_due, resolve_due
     FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::bool[], $8::timestamptz[],
       $9::timestamptz[], $10::timestamptz[]) AS u(kind, source_id, department, win, staff, real_name, opened_at, contact_due, resolve_due)
     ON CONFLICT (site_id, kind, source_id) DO NOTHING`,
    [
      site.id,
      rows.map((r) => (isComplaint(r.e) ? 'complaint' : 'review')),
      rows.map((r) => r.e.event.id),
      rows.map((r) => r.d.department ?? null),
      rows.map((r) => r.d.window ?? null),
      rows.map((r) => r.d.staff ?? null),
      rows.map((r) => isBad(r.e) && r.d.realName === true),
      rows.map((r) => r.e.occurredAt),
      rows.map((r) => r.due.contactDueAt),
      rows.map((r) => r.due.resolveDueAt),
    ],
  );
}
