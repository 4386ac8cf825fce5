import type { RefusedRatingView, UnmatchedRatingView } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { queryRows } from '../../../core/database/typed-query';

const LIMIT = 500;

interface RefusedRow {
  event_id: string;
  reason: string;
  field: string;
  counted_event_id: string | null;
  occurred_at: Date;
  day: string;
  rating: number;
  channel: string;
  department: string;
  window: string | null;
  ticket: string | null;
  sent_by: string;
  received_at: Date;
}

interface UnmatchedRow {
  event_id: string;
  occurred_at: Date;
  rating: number;
  channel: string;
  department: string;
  window: string | null;
  ticket: string;
  why: UnmatchedRatingView['why'];
}

/** The newest refused ratings first; `day` narrows to one service day. */
export async function listRefusedRatings(ds: DataSource, siteId: string, day: string | null): Promise<RefusedRatingView[]> {
  const rows = await queryRows<RefusedRow>(
    ds,
    `SELECT event_id, reason, field, counted_event_id, occurred_at, service_day::text AS day, rating, channel, department, "window",
       ticket, sent_by, received_at
     FROM rejected_ratings WHERE site_id = $1 AND ($2::date IS NULL OR service_day = $2::date)
     ORDER BY received_at DESC, event_id LIMIT ${LIMIT}`,
    [siteId, day],
  );
  return rows.map((r) => ({
    id: r.event_id,
    reason: r.reason,
    field: r.field,
    countedId: r.counted_event_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    day: r.day,
    rating: r.rating,
    channel: r.channel,
    department: r.department,
    window: r.window,
    ticket: r.ticket,
    sentBy: r.sent_by,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}

/**
 * Worked out when asked rather than stored: a completion may arrive after its rating (events
 * come out of order), and a flag written at the rating's arrival would then stay wrong.
 */
export async function listUnmatchedRatings(ds: DataSource, siteId: string, day: string): Promise<UnmatchedRatingView[]> {
  const rows = await queryRows<UnmatchedRow>(
    ds,
    `SELECT r.event_id, r.occurred_at, r.rating, r.channel, r.department, r."window", r.ticket,
       CASE WHEN t.ticket IS NULL THEN 'never_issued' ELSE 'not_completed' END AS why
     FROM reviews r
     LEFT JOIN tickets t ON t.site_id = r.site_id AND t.service_day = r.service_day AND t.ticket = r.ticket
     WHERE r.site_id = $1 AND r.service_day = $2::date AND r.ticket IS NOT NULL AND t.status IS DISTINCT FROM 'done'
     ORDER BY r.occurred_at, r.event_id LIMIT ${LIMIT}`,
    [siteId, day],
  );
  return rows.map((r) => ({
    id: r.event_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    rating: r.rating,
    channel: r.channel,
    department: r.department,
    window: r.window,
    ticket: r.ticket,
    why: r.why,
  }));
}
