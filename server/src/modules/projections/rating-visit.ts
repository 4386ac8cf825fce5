import { EventDataMap } from '@hallwatch/shared';

type ReviewData = EventDataMap['review.submitted'];

/** The visit a rating rates, and the event field that names it (docs/contracts/reviews.md). */
export interface RatingVisit {
  key: string;
  field: 'data.ticket' | 'data.phone';
}

/**
 * A ticket is one visit on its day. Without a ticket, the citizen's phone at one window (or,
 * with no window named, one department) on one day is one visit. A rating with neither names
 * nobody: it is its own visit, so anonymous pad ratings are never refused, and since no
 * completed service is matched to it, it never counts in the active rate either.
 */
export function ratingVisit(data: ReviewData, serviceDay: string, phoneDigest: (phone: string) => string): RatingVisit | null {
  if (typeof data.ticket === 'string') return { key: `t:${serviceDay}:${data.ticket}`, field: 'data.ticket' };
  if (typeof data.phone === 'string' && data.phone.replace(/\D/g, '') !== '')
    return { key: `p:${serviceDay}:${data.window ?? `dept/${data.department}`}:${phoneDigest(data.phone)}`, field: 'data.phone' };
  return null;
}
