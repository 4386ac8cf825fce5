import { SURGE_BASELINE_WEEKS, USUAL_WAITING_QUERY, usualWaitingFrom } from './indicator-history';
import { RECENT_SERVICES } from './indicator-math';
import { QUEUE_QUERIES, QueueFacts, queueFactsFrom, QueueRows, waitSecondsReader } from './queue-indicators';
import { REGISTRY_QUERIES, RegistryFacts, registryFrom, RegistryRows } from './registry-facts';
import { REVIEW_QUERIES, ReviewFacts, reviewFactsFrom, ReviewRows } from './review-indicators';
import { asJsonColumns, FactQuery, rowsFromColumns, Sql } from './sql';
import { PRESENCE_QUERY, PresenceFact, presenceFrom, PresenceRow } from './window-indicators';
import { ACTIVITY_QUERIES, ActivityRows, WindowActivity, windowActivityFrom } from './window-states';
import { CALENDAR_DAY_QUERY, COMPLETIONS_SQL, departmentLoads, imbalancedWindows } from './window-alert-rules';
import type { CalendarDayKind } from '@hallwatch/shared';

type FactRows = RegistryRows &
  QueueRows &
  ReviewRows &
  ActivityRows & {
    presence: PresenceRow[];
    usualWaiting: Array<{ department: string; usual: number }>;
    calendar: Array<{ kind: CalendarDayKind }>;
  };

// Every reader's query shares one parameter list: $1 site, $2 service day, $3 now, $4 the
// hall's time zone, $5 surge baseline weeks, $6 recent services.
const QUERIES: Record<keyof FactRows, FactQuery> = {
  ...REGISTRY_QUERIES,
  ...QUEUE_QUERIES,
  ...REVIEW_QUERIES,
  ...ACTIVITY_QUERIES,
  presence: PRESENCE_QUERY,
  usualWaiting: USUAL_WAITING_QUERY,
  calendar: CALENDAR_DAY_QUERY,
};

/**
 * All of them as one statement returning each query's rows as JSON columns: a push reads its facts in
 * one round trip and PostgreSQL plans them once per connection, where separate statements
 * spent more on round trips, planning and row decoding than on reading.
 */
export const FACTS_SQL = `SELECT ${Object.entries(QUERIES)
  .map(([name, q]) => `${asJsonColumns(q)} AS "${name}"`)
  .join(',\n')}`;

export interface SnapshotFacts {
  registry: RegistryFacts;
  queue: QueueFacts;
  presence: PresenceFact[];
  reviews: ReviewFacts;
  usualWaiting: Map<string, number>;
  windowActivity: WindowActivity;
  /** Today's entry in the working calendar (a holiday, a 调休 working day); null for an ordinary day. */
  calendarDay: CalendarDayKind | null;
  /** Today's completion times at the windows of the departments whose imbalance alerts (docs/contracts/indicators.md). */
  completions: Map<string, Date[]>;
}

/**
 * The facts of one site's snapshot; `targetOf` gives a department's wait target once the registry is known,
 * `imbalanceMax` the imbalance from which a department's completion times are read.
 */
export async function readSnapshotFacts(
  sql: Sql,
  site: { id: string; timezone: string },
  day: string,
  now: Date,
  targetOf: (registry: RegistryFacts, department: string | null) => number,
  imbalanceMax: number,
): Promise<SnapshotFacts> {
  const [columns] = await sql<Record<keyof FactRows, Array<unknown[] | null>>>(FACTS_SQL, [
    site.id,
    day,
    now,
    site.timezone,
    SURGE_BASELINE_WEEKS,
    RECENT_SERVICES,
  ]);
  const rows = Object.fromEntries(
    Object.entries(QUERIES).map(([name, q]) => [name, rowsFromColumns(q, columns[name as keyof FactRows])]),
  ) as unknown as FactRows;
  const registry = registryFrom(rows);
  const queue = await queueFactsFrom(
    rows,
    rows.windowsBusy.map((w) => w.window),
    waitSecondsReader(sql, site.id, day),
    (d) => targetOf(registry, d),
  );
  const presence = presenceFrom(rows.presence, day, site.timezone, registry);
  // Only a department out of balance needs its completion times (for since when): read on demand.
  const imbalanced = imbalancedWindows(departmentLoads(presence, queue.windows), imbalanceMax);
  const completions = new Map<string, Date[]>();
  if (imbalanced.length)
    for (const r of await sql<{ window: string; ended_at: Date }>(COMPLETIONS_SQL, [site.id, day, imbalanced]))
      completions.set(r.window, [...(completions.get(r.window) ?? []), new Date(r.ended_at)]);
  return {
    registry,
    queue,
    presence,
    reviews: reviewFactsFrom(rows),
    usualWaiting: usualWaitingFrom(rows.usualWaiting),
    windowActivity: windowActivityFrom(rows),
    calendarDay: rows.calendar[0]?.kind ?? null,
    completions,
  };
}
