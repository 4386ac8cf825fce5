import type { RetentionPlanView, RetentionPolicy } from '@hallwatch/shared';
import { SqlTarget, queryRows } from '../../core/database/typed-query';
import { EventMonthRow, MarkedMonthRow, PhoneSourceRow, PhotoRow } from './retention-rows';

const DAY_MS = 86_400_000;

/** A site-month of events out of its period, with the site's id for the statements that act on it. */
export interface EventMonth {
  siteId: string;
  site: string;
  month: string;
  from: string;
  to: string;
  /** Events of the month dated before this day (the site's own calendar) are out of their period. */
  beforeDay: string;
  count: number;
}

/** What a run acts on: the view plus the keys the statements need. */
export interface RetentionPlan {
  view: RetentionPlanView;
  phones: { reviews: PhoneSourceRow[]; complaints: PhoneSourceRow[] };
  events: EventMonth[];
  photos: PhotoRow[];
}

// A review's or complaint's phone is needed for the follow-up call and the second callback: once
// the case has closed (or was withdrawn) and stayed so for the period, or when no case was ever
// opened (a good rating left a number), it goes. A reopened case is open again, so it keeps it.
const phoneSources = (table: 'reviews' | 'complaints', kind: 'review' | 'complaint') =>
  `SELECT x.site_id::text AS site_id, s.code, x.event_id
     FROM ${table} x JOIN sites s ON s.id = x.site_id
     LEFT JOIN follow_up_cases c ON c.site_id = x.site_id AND c.kind = '${kind}' AND c.source_id = x.event_id
    WHERE x.phone_enc IS NOT NULL
      AND (CASE WHEN c.id IS NULL THEN x.occurred_at < $1
                ELSE c.status IN ('closed', 'withdrawn') AND c.closed_at < $1 END)
    ORDER BY s.code, x.event_id`;

// Whole site-months, in the site's own calendar; the rows of a month before the cutoff day only.
const EVENT_MONTHS = `
  SELECT e.site_id::text AS site_id, s.code, to_char(e.service_day, 'YYYY-MM') AS month,
         min(e.service_day)::text AS first_day, max(e.service_day)::text AS last_day,
         (($1::timestamptz AT TIME ZONE s.timezone)::date)::text AS cutoff_day, count(*)::int AS count
    FROM events e JOIN sites s ON s.id = e.site_id
   WHERE e.service_day < ($1::timestamptz AT TIME ZONE s.timezone)::date
   GROUP BY e.site_id, s.code, s.timezone, to_char(e.service_day, 'YYYY-MM')
   ORDER BY s.code, month`;

// A site-day still marked for its rollups is not final: its events wait for the next run.
const MARKED_MONTHS = `
  SELECT DISTINCT m.site_id::text AS site_id, to_char(m.day, 'YYYY-MM') AS month
    FROM review_rollup_marks m JOIN sites s ON s.id = m.site_id
   WHERE m.day < ($1::timestamptz AT TIME ZONE s.timezone)::date`;

// A photo's age is its finding's (when the patrol saw it), not its upload's: a phone offline
// for days uploads late, and the finding is what the period is about.
const PHOTOS = `SELECT p.site_id::text AS site_id, s.code, p.check_event_id
    FROM patrol_photos p JOIN sites s ON s.id = p.site_id
    LEFT JOIN patrol_findings f ON f.site_id = p.site_id AND f.check_event_id = p.check_event_id
   WHERE COALESCE(f.occurred_at, p.uploaded_at) < $1 ORDER BY s.code, p.check_event_id`;

/** Everything out of its period at `now` under `policy`: what a dry run lists and a run erases. */
export async function retentionPlan(db: SqlTarget, policy: RetentionPolicy, now: Date): Promise<RetentionPlan> {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const cutoffs = { phones: cutoff(policy.phoneDays), events: cutoff(policy.eventDays), photos: cutoff(policy.photoDays) };
  const reviews = await queryRows<PhoneSourceRow>(db, phoneSources('reviews', 'review'), [cutoffs.phones]);
  const complaints = await queryRows<PhoneSourceRow>(db, phoneSources('complaints', 'complaint'), [cutoffs.phones]);
  const months = await queryRows<EventMonthRow>(db, EVENT_MONTHS, [cutoffs.events]);
  const marked = new Set((await queryRows<MarkedMonthRow>(db, MARKED_MONTHS, [cutoffs.events])).map((m) => `${m.site_id}/${m.month}`));
  const photos = await queryRows<PhotoRow>(db, PHOTOS, [cutoffs.photos]);
  const all: EventMonth[] = months.map((m) => ({
    siteId: m.site_id,
    site: m.code,
    month: m.month,
    from: m.first_day,
    to: m.last_day,
    beforeDay: m.cutoff_day,
    count: m.count,
  }));
  const ready = all.filter((m) => !marked.has(`${m.siteId}/${m.month}`));
  const heldBack = all.filter((m) => marked.has(`${m.siteId}/${m.month}`));
  const range = ({ site, month, from, to, count }: EventMonth) => ({ site, month, from, to, count });
  const ids = (rows: PhoneSourceRow[]) => rows.map((r) => `${r.code}/${r.event_id}`);
  return {
    view: {
      cutoffs: { phones: cutoffs.phones.toISOString(), events: cutoffs.events.toISOString(), photos: cutoffs.photos.toISOString() },
      phones: { count: reviews.length + complaints.length, reviews: ids(reviews), complaints: ids(complaints) },
      events: {
        count: ready.reduce((n, m) => n + m.count, 0),
        action: policy.eventAction,
        ranges: ready.map(range),
        heldBack: heldBack.map(range),
      },
      photos: { count: photos.length, ids: photos.map((p) => `${p.code}/${p.check_event_id}`) },
    },
    phones: { reviews, complaints },
    events: ready,
    photos,
  };
}
