// The ratings a supervisor checks (docs/contracts/reviews.md, "One rating per visit"): those
// refused because their visit was rated already, and those naming no service of their day.

/** A rating refused as already_rated, as the list of refused ratings shows it. */
export interface RefusedRatingView {
  id: string;
  reason: string;
  /** The field that named the visit: data.ticket or data.phone. */
  field: string;
  /** The rating of the same visit that counts. */
  countedId: string | null;
  occurredAt: string;
  day: string;
  rating: number;
  channel: string;
  department: string;
  window: string | null;
  ticket: string | null;
  /** Who sent it: `device-key:<id>`, or `migration` for ratings settled when the rule came in. */
  sentBy: string;
  receivedAt: string;
}

/** Why a counted rating names no service: no such ticket that day, or the ticket was not served to completion. */
export const UNMATCHED_RATING_REASONS = ['never_issued', 'not_completed'] as const;
export type UnmatchedRatingReason = (typeof UNMATCHED_RATING_REASONS)[number];

/** A counted rating whose ticket names no completed service of its day at this site. */
export interface UnmatchedRatingView {
  id: string;
  occurredAt: string;
  rating: number;
  channel: string;
  department: string;
  window: string | null;
  ticket: string;
  why: UnmatchedRatingReason;
}
