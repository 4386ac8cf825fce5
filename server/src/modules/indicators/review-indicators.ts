import { IndicatorValues } from '@hallwatch/shared';
import { ratio } from './indicator-math';
import { fact, FactQuery } from './sql';

interface ReviewCounts {
  reviews: number;
  /** Completed services today that have a counted rating: the active rate's numerator. */
  rated: number;
  good: number;
  badOpen: number;
  complaintsOpen: number;
  /** 回访核实 this month: closures drawn for a second callback, those verified, and those found not contacted. */
  callbacksDrawn: number;
  callbacksVerified: number;
  callbacksFalsified: number;
}

export interface ReviewFacts {
  site: ReviewCounts;
  departments: Map<string, ReviewCounts>;
}

const empty = (): ReviewCounts => ({
  reviews: 0,
  rated: 0,
  good: 0,
  badOpen: 0,
  complaintsOpen: 0,
  callbacksDrawn: 0,
  callbacksVerified: 0,
  callbacksFalsified: 0,
});

export interface ReviewRows {
  reviewsToday: Array<{ department: string; n: number; good: number }>;
  ratedToday: Array<{ department: string; n: number }>;
  badOpen: Array<{ department: string; n: number }>;
  complaintsOpen: Array<{ department: string | null; n: number }>;
  callbackChecks: Array<{ department: string | null; drawn: number; verified: number; falsified: number }>;
}

/**
 * Today's ratings, and the bad reviews and complaints still open whatever day they came in
 * (an open follow-up does not expire at midnight). An upheld appeal leaves every rate.
 */
export const REVIEW_QUERIES: Record<keyof ReviewRows, FactQuery> = {
  reviewsToday: fact<ReviewRows['reviewsToday'][number]>(
    `SELECT department, reviews AS n, good FROM live_day_counts
     WHERE site_id = $1::uuid AND service_day = $2::date AND reviews <> 0`,
    ['department', 'n', 'good'],
  ),
  // A completed ticket with a counted rating of its visit (through the unique visit index), per
  // the ticket's department like the served count it is divided by: at most one per service.
  ratedToday: fact<ReviewRows['ratedToday'][number]>(
    `SELECT COALESCE(t.department, '') AS department, count(*)::int AS n FROM tickets t
     WHERE t.site_id = $1::uuid AND t.service_day = $2::date AND t.status = 'done'
       AND EXISTS (SELECT 1 FROM reviews r WHERE r.site_id = t.site_id
                   AND r.visit = 't:' || t.service_day::text || ':' || t.ticket AND NOT r.excluded)
     GROUP BY 1`,
    ['department', 'n'],
  ),
  badOpen: fact<ReviewRows['badOpen'][number]>(
    `SELECT department, count(*)::int AS n FROM reviews WHERE site_id = $1::uuid AND follow_up_open GROUP BY department`,
    ['department', 'n'],
  ),
  complaintsOpen: fact<ReviewRows['complaintsOpen'][number]>(
    `SELECT department, count(*)::int AS n FROM complaints
     WHERE site_id = $1::uuid AND closed_at IS NULL GROUP BY department`,
    ['department', 'n'],
  ),
  // The closures drawn this hall-local month (docs/contracts/reviews.md, "Callbacks verified"), by the
  // department that owned the case: whatever day the second call is made, the draw's month counts.
  callbackChecks: fact<ReviewRows['callbackChecks'][number]>(
    `SELECT department, count(*)::int AS drawn, count(answer)::int AS verified,
       count(*) FILTER (WHERE answer = 'not_contacted')::int AS falsified
     FROM callback_checks WHERE site_id = $1::uuid AND drawn_at IS NOT NULL
       AND drawn_day >= date_trunc('month', $2::date)::date AND drawn_day <= $2::date
     GROUP BY department`,
    ['department', 'drawn', 'verified', 'falsified'],
  ),
};

export function reviewFactsFrom(rows: ReviewRows): ReviewFacts {
  const facts: ReviewFacts = { site: empty(), departments: new Map() };
  const add = (department: string | null, k: keyof ReviewCounts, n: number) => {
    facts.site[k] += n;
    if (department === null) return;
    let d = facts.departments.get(department);
    if (!d) facts.departments.set(department, (d = empty()));
    d[k] += n;
  };
  for (const r of rows.reviewsToday) {
    add(r.department, 'reviews', r.n);
    add(r.department, 'good', r.good);
  }
  for (const r of rows.ratedToday) add(r.department === '' ? null : r.department, 'rated', r.n);
  for (const r of rows.badOpen) add(r.department, 'badOpen', r.n);
  for (const r of rows.complaintsOpen) add(r.department, 'complaintsOpen', r.n);
  for (const r of rows.callbackChecks) {
    add(r.department, 'callbacksDrawn', r.drawn);
    add(r.department, 'callbacksVerified', r.verified);
    add(r.department, 'callbacksFalsified', r.falsified);
  }
  return facts;
}

/** Review and complaint indicators; `served` is the same scope's completed tickets today. */
export function reviewValues(c: ReviewCounts | undefined, served: number): IndicatorValues {
  const r = c ?? empty();
  return {
    // Rated services ÷ completed services (docs/contracts/reviews.md): a rating counts here
    // only through the completed service it rates, once, so the rate cannot pass 1 however
    // many ratings arrive; ratings naming no completed service count in the good rate only.
    'reviews.active_rate': ratio(r.rated, served),
    'reviews.good_rate': ratio(r.good, r.reviews),
    'reviews.bad.open': r.badOpen,
    'complaints.open': r.complaintsOpen,
    // This month's second callbacks: the share of the drawn closures already called, and of
    // those the share the citizen said nobody had contacted (item 25's "explained, solved").
    'callbacks.verified_share': ratio(r.callbacksVerified, r.callbacksDrawn),
    'callbacks.falsified_rate': ratio(r.callbacksFalsified, r.callbacksVerified),
  };
}
