import { DataSource } from 'typeorm';
import { isWorkingDay } from '../../server/src/core/time/working-calendar';
import { addDays, isoWeekday, localDay } from '../../server/src/core/time/zoned-time';
import { writeDemoHistory } from '../../server/src/modules/demo/demo-history';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { IngestService } from '../../server/src/modules/ingest/ingest.service';
import { rebuildProjections } from '../../server/src/modules/projections/projection-rebuild';
import { Site } from '../../server/src/modules/registry/site.entity';
import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { startTestApp, TestApp } from '../support/test-app';
import { testNow } from '../support/test-clock';

jest.setTimeout(180_000);

// The demo hall's past, written on a database without events: only on the days the working
// calendar opens the hall, through the ingest service's own transaction, with the rollups equal
// to a recount from the stored events, the follow-ups and rounds in the states people and time
// left them, and written once. Light days (volume) keep it quick; the clock is the test's.

const VOLUME = 0.15;

interface Counts {
  events: number;
  cases: number;
  actions: number;
  rounds: number;
  checks: number;
  notices: number;
  deductions: number;
  rollups: number;
  reviews: number;
  tickets: number;
  absences: number;
}

async function counts(ds: DataSource): Promise<Counts> {
  const n = async (table: string) => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  return {
    events: await n('events'),
    cases: await n('follow_up_cases'),
    actions: await n('follow_up_actions'),
    rounds: await n('patrol_rounds'),
    checks: await n('patrol_checks'),
    notices: await n('patrol_notices'),
    deductions: await n('patrol_deductions'),
    rollups: await n('review_daily_rollups'),
    reviews: await n('reviews'),
    tickets: await n('tickets'),
    absences: await n('absence_entries'),
  };
}

/** Every site-level rollup row of the site over the span, in a fixed order. */
async function rollupRows(ds: DataSource, siteId: string, from: string, to: string): Promise<unknown[]> {
  const daily = await ds.query(
    `SELECT dim, day::text AS day, key, reviews, good, bad, rating_sum, completed, bad_due, bad_closed_on_time, real_name_bad,
       callback_due, callback_done, complaints, complaints_due, complaints_closed_on_time, wait_count, wait_sum_sec
     FROM review_daily_rollups WHERE level = 'site' AND site_id = $1 AND day BETWEEN $2 AND $3 ORDER BY dim, day, key`,
    [siteId, from, to],
  );
  const hourly = await ds.query(
    `SELECT department, day::text AS day, hour, reviews, bad, wait_count, wait_sum_sec FROM review_hourly_rollups
     WHERE level = 'site' AND site_id = $1 AND day BETWEEN $2 AND $3 ORDER BY department, day, hour`,
    [siteId, from, to],
  );
  return [...daily, ...hourly];
}

/** The hall's events by day; the platform's later word on a work order is stored with the order's day, not its own. */
async function eventDays(ds: DataSource, siteId: string): Promise<Map<string, Record<string, number>>> {
  const rows: Array<{ day: string; type: string; n: number }> = await ds.query(
    `SELECT service_day::text AS day, type, count(*)::int AS n FROM events WHERE site_id = $1 AND type <> 'complaint.platform_updated' GROUP BY 1, 2`,
    [siteId],
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.day, { ...(out.get(r.day) ?? {}), [r.type]: r.n });
  return out;
}

async function demoApp(now: Date): Promise<{ t: TestApp; site: Site }> {
  // No workers: nothing but the history writes, so that what is found is what it wrote.
  const t = await startTestApp({ FIXED_CLOCK: now.toISOString(), RUN_WORKERS: 'false' });
  await seedDemo(t.ds);
  return { t, site: await t.ds.getRepository(Site).findOneByOrFail({ code: 'huiji' }) };
}

describe('the demo history, on the day the test runs', () => {
  const SPAN = 14;
  const now = testNow();
  let t: TestApp;
  let site: Site;
  let today: string;
  let open: string[];
  let holiday: string;
  let madeUp: string;
  let first: Counts;

  beforeAll(async () => {
    ({ t, site } = await demoApp(now));
    today = localDay(now, site.timezone);
    const span = Array.from({ length: SPAN }, (_, i) => addDays(today, i - SPAN));
    // A public holiday on a weekday and a make-up working day (调休) on a weekend, both in the span.
    holiday = span.find((d) => isoWeekday(d) <= 5)!;
    madeUp = span.find((d) => isoWeekday(d) >= 6)!;
    await t.ds.query(
      `INSERT INTO calendar_days (scope, day, kind, name, updated_at) VALUES ('*', $1, 'holiday', '测试假日', now()), ('*', $2, 'workday', '调休上班', now())`,
      [holiday, madeUp],
    );
    const calendar = new Map([
      [holiday, 'holiday' as const],
      [madeUp, 'workday' as const],
    ]);
    open = span.filter((d) => isWorkingDay(d, calendar));
    const result = await writeDemoHistory(t.app, { days: SPAN, now, volume: VOLUME, seed: 7 });
    expect(result).toMatchObject({ written: true, days: SPAN, openDays: open.length, from: span[0], to: span[SPAN - 1] });
    first = await counts(t.ds);
    expect(result.written && result.events).toBe(first.events);
  });
  afterAll(async () => t?.close());

  it('stores events on the working days of the calendar only, every kind of the hall’s day on each', async () => {
    const days = await eventDays(t.ds, site.id);
    expect([...days.keys()].sort()).toEqual(open);
    expect(open).toContain(madeUp);
    expect(open).not.toContain(holiday);
    for (const day of open) {
      const kinds = days.get(day)!;
      for (const type of ['ticket.issued', 'ticket.completed', 'review.submitted', 'staff.signed_in', 'round.started', 'round.check'])
        expect([day, type, kinds[type] ?? 0]).toEqual([day, type, expect.any(Number)]);
      expect(kinds['ticket.issued']).toBeGreaterThan(100);
    }
  });

  it('builds a daily rollup for every working day, equal to a recount from the stored events', async () => {
    const from = addDays(today, -SPAN);
    const to = addDays(today, -1);
    const totals: Array<{ day: string; reviews: number; completed: number; complaints: number }> = await t.ds.query(
      `SELECT day::text AS day, reviews, completed, complaints FROM review_daily_rollups
       WHERE level = 'site' AND site_id = $1 AND dim = 'total' AND day BETWEEN $2 AND $3 ORDER BY day`,
      [site.id, from, to],
    );
    expect(totals.map((r) => r.day)).toEqual(open);
    const days = await eventDays(t.ds, site.id);
    for (const r of totals) {
      const kinds = days.get(r.day)!;
      expect(r).toEqual({
        day: r.day,
        reviews: kinds['review.submitted'],
        completed: kinds['ticket.completed'],
        complaints: kinds['complaint.received'] ?? 0,
      });
    }
    // The projections replayed from the events alone, and every rollup recomputed from them: nothing moves.
    const before = await rollupRows(t.ds, site.id, from, to);
    await rebuildProjections(t.ds, site.id, t.config.PHONE_SECRET);
    await new RollupService(t.ds).rebuild([site.id], from, to);
    expect(await rollupRows(t.ds, site.id, from, to)).toEqual(before);
    expect((await counts(t.ds)).tickets).toBe(first.tickets);
  });

  it('leaves follow-ups open and closed, each past deadline recorded as the jobs would have', async () => {
    const cases: Array<{ status: string; closed: boolean; overdue: boolean; scheduled: boolean; ahead: boolean; actions: number }> =
      await t.ds.query(
        `SELECT c.status, c.closed_at IS NOT NULL AND c.closed_at <= $2 AS closed,
           c.resolve_overdue_at IS NOT NULL AS overdue, c.scheduled_at IS NOT NULL AS scheduled,
           (c.resolve_due_at > $2 OR (c.first_contact_at IS NULL AND c.contact_due_at > $2)) AS ahead,
           (SELECT count(*)::int FROM follow_up_actions a WHERE a.case_id = c.id) AS actions
         FROM follow_up_cases c WHERE c.site_id = $1`,
        [site.id, now],
      );
    const statuses = new Set(cases.map((c) => c.status));
    expect(statuses.has('closed')).toBe(true);
    expect(cases.some((c) => c.status !== 'closed')).toBe(true);
    for (const c of cases) {
      // A work order its platform withdrew is done with, as a closed case is.
      const done = c.status === 'closed' || c.status === 'withdrawn';
      expect(c.closed).toBe(done);
      // A case open past its resolve deadline was escalated at it; only a deadline ahead is left for the jobs.
      if (!done && !c.ahead) expect(c).toMatchObject({ overdue: true, scheduled: true });
      if (!c.scheduled) expect(c.ahead).toBe(true);
      if (c.status !== 'awaiting_contact') expect(c.actions).toBeGreaterThan(0);
    }
    // A closed bad review no longer counts as open, a closed complaint is closed on its own row too.
    const [{ stale }] = await t.ds.query(
      `SELECT count(*)::int AS stale FROM follow_up_cases c
       LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
       LEFT JOIN complaints k ON c.kind = 'complaint' AND k.site_id = c.site_id AND k.event_id = c.source_id
       WHERE c.site_id = $1 AND c.status = 'closed' AND (r.follow_up_open OR (c.kind = 'complaint' AND k.closed_at IS NULL))`,
      [site.id],
    );
    expect(stale).toBe(0);
  });

  it('has the four rounds of every working day in a final state, and no rounds on closed days', async () => {
    const rounds: Array<{ day: string; n: number; states: string[] }> = await t.ds.query(
      `SELECT day::text AS day, count(*)::int AS n, array_agg(DISTINCT state) AS states FROM patrol_rounds
       WHERE site_id = $1 AND day < $2 GROUP BY day ORDER BY day`,
      [site.id, today],
    );
    expect(rounds.map((r) => r.day)).toEqual(open);
    for (const r of rounds) {
      expect(r.n).toBe(4);
      for (const s of r.states) expect(['done', 'doubtful', 'missed']).toContain(s);
    }
    const [{ done }] = await t.ds.query(`SELECT count(*)::int AS done FROM patrol_rounds WHERE site_id = $1 AND state = 'done'`, [site.id]);
    expect(done).toBeGreaterThan(open.length * 2);
    // An open notice whose deadline has passed was escalated at it.
    const [{ unescalated }] = await t.ds.query(
      `SELECT count(*)::int AS unescalated FROM patrol_notices WHERE site_id = $1 AND status = 'open' AND deadline <= $2 AND escalated_at IS NULL`,
      [site.id, now],
    );
    expect(unescalated).toBe(0);
  });

  it('keeps the outing and leave register of each working day: most outings filed by one clerk and decided by the other, audited', async () => {
    const rows: Array<{ filed_by: string; decided_by: string | null; state: string; day: string }> = await t.ds.query(
      `SELECT filed_by, decided_by, state, (starts_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day FROM absence_entries WHERE site_id = $1`,
      [site.id],
    );
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set(open));
    expect(new Set(rows.map((r) => r.filed_by))).toEqual(new Set(['demo-zhk']));
    expect(rows.every((r) => r.decided_by === 'demo-dcs' && r.state !== 'pending')).toBe(true);
    const [{ filed, decided }] = await t.ds.query(
      `SELECT count(*) FILTER (WHERE action = 'absence.file')::int AS filed, count(*) FILTER (WHERE action = 'absence.decide')::int AS decided
         FROM audit_log WHERE site = 'huiji'`,
    );
    expect([filed, decided]).toEqual([rows.length, rows.length]);
    const [{ outings, covered }] = await t.ds.query(
      `SELECT count(*)::int AS outings, count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM absence_entries a WHERE a.site_id = e.site_id AND a.staff = e.data->>'staff' AND a.kind = e.data->>'reason'
             AND a.state = 'approved' AND e.occurred_at BETWEEN a.starts_at - interval '15 minutes' AND a.ends_at))::int AS covered
         FROM events e WHERE e.site_id = $1 AND e.type = 'staff.left_post' AND e.data->>'reason' IN ('official_business', 'meeting')`,
      [site.id],
    );
    // The demo's months show registered outings and unregistered ones side by side.
    expect(covered).toBeGreaterThan(0.6 * outings);
    expect(covered).toBeLessThan(outings);
  });

  it('does not write it twice', async () => {
    expect(await writeDemoHistory(t.app, { days: SPAN, now, volume: VOLUME, seed: 7 })).toEqual({
      written: false,
      reason: 'the demo history was written before',
    });
    expect(await counts(t.ds)).toEqual(first);
  });
});

describe('the demo history, started just after midnight on the first of a month and cut short', () => {
  // Sunday 1 March 2026, 00:10 at the hall: yesterday was a Saturday, and the span crosses into February.
  const now = new Date('2026-03-01T00:10:00+08:00');
  const open = ['2026-02-20', '2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27'];
  let t: TestApp;
  let site: Site;

  beforeAll(async () => {
    ({ t, site } = await demoApp(now));
  });
  afterAll(async () => t?.close());

  it('stops when told, and the next run writes only the days still missing', async () => {
    const stop = new AbortController();
    const cut = await writeDemoHistory(t.app, {
      days: 9,
      now,
      volume: VOLUME,
      seed: 3,
      signal: stop.signal,
      progress: (_day, done) => done === 2 && stop.abort(),
    });
    expect(cut).toEqual({ written: false, reason: 'stopped before the end; the next run picks it up' });
    const stored = [...(await eventDays(t.ds, site.id)).keys()].sort();
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.length).toBeLessThan(open.length);
    expect(stored).toEqual(open.slice(0, stored.length));

    const resumed = await writeDemoHistory(t.app, { days: 9, now, volume: VOLUME, seed: 3 });
    expect(resumed).toMatchObject({ written: true, from: '2026-02-20', to: '2026-02-28', openDays: open.length });
    expect([...(await eventDays(t.ds, site.id)).keys()].sort()).toEqual(open);
    const rolled: Array<{ day: string }> = await t.ds.query(
      `SELECT day::text AS day FROM review_daily_rollups WHERE level = 'site' AND site_id = $1 AND dim = 'total' ORDER BY day`,
      [site.id],
    );
    expect(rolled.map((r) => r.day)).toEqual(open);
    // Nothing twice: a case per bad review and complaint, four rounds a day, a check per event.
    const [once] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM follow_up_cases WHERE site_id = $1) AS cases,
         (SELECT count(*)::int FROM reviews WHERE site_id = $1 AND rating <= 2) + (SELECT count(*)::int FROM complaints WHERE site_id = $1) AS sources,
         (SELECT count(*)::int FROM patrol_rounds WHERE site_id = $1 AND day < '2026-03-01') AS rounds,
         (SELECT count(*)::int FROM patrol_checks WHERE site_id = $1) AS checks,
         (SELECT count(*)::int FROM events WHERE site_id = $1 AND type = 'round.check') AS check_events`,
      [site.id],
    );
    expect(once.cases).toBe(once.sources);
    expect(once.rounds).toBe(4 * open.length);
    expect(once.checks).toBe(once.check_events);
  });
  it('brings the 12345 hotline’s complaints as work orders, some with the platform’s later word, some still open', async () => {
    const orders: Array<{
      number: string;
      sign_by: Date;
      close_by: Date;
      moved: boolean;
      platform: string | null;
      status: string;
    }> = await t.ds.query(
      `SELECT k.work_order AS number, k.sign_by, k.close_by, k.close_by > k.first_close_by AS moved, k.platform_status AS platform, c.status
           FROM complaints k JOIN follow_up_cases c ON c.site_id = k.site_id AND c.kind = 'complaint' AND c.source_id = k.event_id
          WHERE k.site_id = $1 AND k.source = 'hotline_12345'`,
      [site.id],
    );
    expect(orders.length).toBeGreaterThan(3);
    for (const o of orders) {
      expect(o.number).toMatch(/^2026\d{9}$/);
      expect(o.sign_by.getTime()).toBeLessThan(o.close_by.getTime());
    }
    const updates: Array<{ order: string; change: string; at: Date; received: Date | null }> = await t.ds.query(
      `SELECT u.work_order AS order, u.change, u.occurred_at AS at, k.occurred_at AS received FROM complaint_order_updates u
         LEFT JOIN complaints k ON k.site_id = u.site_id AND k.work_order = u.work_order WHERE u.site_id = $1`,
      [site.id],
    );
    // Each names an order the hall has, comes after it, and before the day the history was written.
    expect(updates.some((u) => u.change === 'closed')).toBe(true);
    for (const u of updates) {
      expect(u.received).not.toBeNull();
      expect(u.at.getTime()).toBeGreaterThan(u.received!.getTime());
      expect(u.at.getTime()).toBeLessThan(Date.parse('2026-03-01T00:00:00+08:00'));
    }
    // The platform's closing and withdrawal closed the hall's case; an extension moved the limit and left it open.
    for (const o of orders) {
      if (o.platform === 'closed') expect(o.status).toBe('closed');
      if (o.platform === 'withdrawn') expect(o.status).toBe('withdrawn');
    }
    const extended = new Set(updates.filter((u) => u.change === 'extended').map((u) => u.order));
    expect(orders.filter((o) => o.moved).map((o) => o.number)).toEqual(orders.filter((o) => extended.has(o.number)).map((o) => o.number));
    expect(orders.some((o) => o.platform === null && o.status !== 'closed')).toBe(true);
  });
});

describe('the demo history on a database that has events', () => {
  const now = testNow();
  let t: TestApp;
  let site: Site;

  beforeAll(async () => {
    ({ t, site } = await demoApp(now));
  });
  afterAll(async () => t?.close());

  it('refuses, and stores nothing', async () => {
    const live = { id: 'live-1', type: 'staff.signed_in', occurredAt: now.toISOString(), data: { staff: 'S001', window: '01' } };
    expect((await t.app.get(IngestService).ingest(site, [live], 'device', now)).results[0].status).toBe('accepted');
    const before = await counts(t.ds);
    expect(await writeDemoHistory(t.app, { days: 30, now, volume: VOLUME, seed: 3 })).toEqual({
      written: false,
      reason: 'the database already has events of its own',
    });
    expect(await counts(t.ds)).toEqual(before);
  });
});
