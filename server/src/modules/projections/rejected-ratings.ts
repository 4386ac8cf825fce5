import { HallEventOf } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import type { NewEvent } from './projector';

export const ALREADY_RATED = 'already_rated';

/** A rating refused because its visit was already rated. */
export interface RefusedRating {
  event: NewEvent<HallEventOf<'review.submitted'>>;
  field: 'data.ticket' | 'data.phone';
  visit: string;
}

/** A refused rating as kept, with the rating of its visit that counts. */
export interface KeptRefusal {
  event_id: string;
  field: string;
  counted_event_id: string | null;
}

/**
 * Keeps the refused ratings for the record, with the rating of the visit that counts. Runs in
 * the ingest transaction after the reviews' insert, so the counted rating is there to be read.
 */
export async function recordRefusedRatings(
  em: EntityManager,
  siteId: string,
  refused: RefusedRating[],
  sentBy: string,
  receivedAt: Date,
): Promise<KeptRefusal[]> {
  if (!refused.length) return [];
  const data = refused.map((r) => r.event.event.data);
  return queryRows<KeptRefusal>(
    em,
    `INSERT INTO rejected_ratings (site_id, event_id, reason, field, visit, counted_event_id, occurred_at, service_day, rating,
       channel, department, "window", ticket, sent_by, received_at)
     SELECT $1, u.id, $2, u.field, u.visit, (SELECT r.event_id FROM reviews r WHERE r.site_id = $1 AND r.visit = u.visit),
       u.occurred_at, u.day, u.rating, u.channel, u.department, u.win, u.ticket, $3, $4
     FROM unnest($5::varchar[], $6::varchar[], $7::text[], $8::timestamptz[], $9::date[], $10::smallint[], $11::varchar[],
       $12::varchar[], $13::varchar[], $14::varchar[]) AS u(id, field, visit, occurred_at, day, rating, channel, department, win, ticket)
     ON CONFLICT DO NOTHING RETURNING event_id, field, counted_event_id`,
    [
      siteId,
      ALREADY_RATED,
      sentBy,
      receivedAt,
      refused.map((r) => r.event.event.id),
      refused.map((r) => r.field),
      refused.map((r) => r.visit),
      refused.map((r) => r.event.occurredAt),
      refused.map((r) => r.event.serviceDay),
      data.map((d) => d.rating),
      data.map((d) => d.channel),
      data.map((d) => d.department),
      data.map((d) => d.window ?? null),
      data.map((d) => d.ticket ?? null),
    ],
  );
}
