import fc from 'fast-check';
import { INDICATOR_IDS, IndicatorSnapshot, IngestResponse, LIVE_ALERT_KINDS } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { HallWindow } from '../../server/src/modules/registry/hall-window.entity';
import { Site } from '../../server/src/modules/registry/site.entity';
import { StaffMember } from '../../server/src/modules/registry/staff-member.entity';
import { bearer, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { dayEvents, HallDay, hallDayArb, localDay, localMidnight, postingOrder, RawEvent } from '../support/hall-day';
import { ratingVisitOf, referenceIndicators, RefPatrol, RefRegistry, RefSettings, Values } from '../support/indicator-reference';
import { call } from '../support/patrol';
import {
  CheckpointCodes,
  checkEvent,
  PatrolDay,
  patrolDayArb,
  PlannedCheck,
  PROP_ROUND_TIMES,
  roundDue,
  roundEvents,
} from '../support/patrol-day';
import { startTestApp, TestApp } from '../support/test-app';

// Every indicator of docs/contracts/indicators.md, site level and per department, must equal a plain
// recomputation from the raw events and the outing and leave register's entries, whatever order
// and however often the events arrive.

// Bounded so the suite stays fast; INDICATOR_PROPERTY_RUNS=200 for a deeper search.
const RUNS = Number(process.env.INDICATOR_PROPERTY_RUNS ?? 20);
const ADMIN = 'indicators-property-admin-token';
const PATROLLER = 'prop.patrol';

describe('indicators equal an independent recomputation from the raw events', () => {
  let t: TestApp;
  let runNo = 0;
  let patroller: string;
  // Three days back: every generated event (up to 19:00 hall time) lies in the past, as ingest requires.
  const testDay = localDay(Date.now() - 3 * 86_400_000);

  beforeAll(async () => {
    // One patroller's session serves every run: the clock moves within the test day, which a working day's session lasts.
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, SESSION_IDLE_MINUTES: String(24 * 60), SESSION_ABSOLUTE_HOURS: '48' });
    await makeUser(t, PATROLLER, 'patrol', 'all');
    t.clock.setNow(new Date(localMidnight(testDay) + 5 * 3600_000));
    patroller = (await signIn(t.url, PATROLLER)).token;
  });
  afterAll(async () => t.close());

  async function prepareSite(day: HallDay, code: string): Promise<{ key: string; registry: RefRegistry; settings: RefSettings }> {
    const site = await makeSite(t.ds, code, 3);
    const raw = Object.fromEntries(Object.entries(day.settings).filter(([, v]) => v !== undefined));
    await t.ds.query(`UPDATE sites SET settings = $2 WHERE id = $1`, [site.id, JSON.stringify(raw)]);
    await t.ds.query(`UPDATE departments SET wait_target_sec = $2 WHERE site_id = $1 AND code = 'd2'`, [site.id, day.d2Target]);
    const windows = t.ds.getRepository(HallWindow);
    await windows.save({ siteId: site.id, code: 'wt1', number: 91, departmentCode: 'd1', kind: 'tidal', isOpen: day.wt1Open });
    await windows.save({ siteId: site.id, code: 'wt3', number: 93, departmentCode: 'd3', kind: 'tidal', isOpen: day.wt3Open });
    const staff = t.ds.getRepository(StaffMember);
    await staff.save({ siteId: site.id, code: 's7', name: '人员7', departmentCode: 'd2', onRoster: false });
    await staff.save({ siteId: site.id, code: 's8', name: '人员8', departmentCode: 'd3', onRoster: true });
    const general = { kind: 'general', isOpen: true };
    return {
      key: await t.deviceKey(code),
      registry: {
        departments: { d1: { target: null }, d2: { target: day.d2Target }, d3: { target: null } },
        windows: {
          w1: { dept: 'd1', ...general },
          w2: { dept: 'd1', ...general },
          w3: { dept: 'd2', ...general },
          w4: { dept: 'd2', ...general },
          w5: { dept: 'd3', ...general },
          w6: { dept: 'd3', ...general },
          wt1: { dept: 'd1', kind: 'tidal', isOpen: day.wt1Open },
          wt3: { dept: 'd3', kind: 'tidal', isOpen: day.wt3Open },
        },
        staff: {
          s1: { dept: 'd1', onRoster: true },
          s2: { dept: 'd1', onRoster: true },
          s3: { dept: 'd2', onRoster: true },
          s4: { dept: 'd2', onRoster: true },
          s5: { dept: 'd3', onRoster: true },
          s6: { dept: 'd3', onRoster: true },
          s7: { dept: 'd2', onRoster: false },
          s8: { dept: 'd3', onRoster: true },
        },
      },
      settings: {
        waitTargetSec: day.settings.waitTargetSec ?? 900,
        tidalQueue: day.settings.tidalQueue ?? 10,
        allowedBreakSec: day.settings.allowedBreakSec ?? 900,
        surgeFactor: day.settings.surgeFactor ?? 2,
        surgeMinWaiting: day.settings.surgeMinWaiting ?? 8,
        unattendedWindowSec: day.settings.unattendedWindowSec ?? 900,
        windowImbalanceMax: day.settings.windowImbalanceMax ?? 1,
        hours: day.settings.hours ?? { opens: '08:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] },
        lunchBreak: day.settings.lunchBreak ?? null,
      },
    };
  }

  /** Writes the generated waiting history; returns the usual count the surge rule should see. */
  async function seedHistory(day: HallDay, code: string, now: Date): Promise<Record<string, number>> {
    const hourStart = Math.floor(now.getTime() / 3600_000) * 3600_000; // whole-hour offset zone
    for (const h of day.history) {
      const hour = new Date(hourStart - h.weeksBack * 7 * 86_400_000 + h.hourShift * 3600_000 + h.dayShift * 86_400_000);
      await t.ds.query(
        `INSERT INTO indicator_history (site_id, indicator, hour, department, value)
         SELECT id, 'queue.waiting', $2, $3, $4 FROM sites WHERE code = $1`,
        [code, hour, h.dept, h.value],
      );
    }
    // The same weekday's hour once four of the last eight weeks have one; until then the last
    // seven days' same hour; with neither, what same-weekday hours there are.
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const usual: Record<string, number> = {};
    for (const dept of new Set(day.history.map((h) => h.dept))) {
      const atHour = day.history.filter((h) => h.dept === dept && h.hourShift === 0);
      const daysBack = (h: (typeof atHour)[number]) => 7 * h.weeksBack - h.dayShift;
      const weekday = atHour.filter((h) => h.dayShift === 0 && h.weeksBack <= 8).map((h) => h.value);
      const recent = atHour.filter((h) => daysBack(h) <= 7).map((h) => h.value);
      const base = weekday.length >= 4 ? weekday : recent.length ? recent : weekday;
      if (base.length) usual[dept] = mean(base);
    }
    return usual;
  }

  /**
   * Patrols the site on the test day: round times, walk rules and its checkpoints' codes through
   * the admin API, then the rounds walked as the generator planned them, sent by the patrol page's
   * API as an offline phone would (shuffled, some twice). A checkpoint's code rotated in the day
   * splits the sending: what was dated before the rotation goes first, the rest after it.
   */
  async function walkRounds(code: string, p: PatrolDay, nowMs: number): Promise<{ ref: RefPatrol; events: RawEvent[] }> {
    const admin = (method: string, path: string, body?: unknown) => call(`${t.url}/api/v1/admin/sites/${code}${path}`, method, ADMIN, body);
    const rules = {
      ...(p.leadMin !== undefined ? { roundWindowLeadMin: p.leadMin } : {}),
      ...(p.minDurationSec !== undefined ? { roundMinDurationSec: p.minDurationSec } : {}),
    };
    expect((await admin('PATCH', '/settings', rules)).status).toBe(200);
    t.clock.setNow(new Date(localMidnight(testDay) + 6 * 3600_000));
    const schedule = await admin('PUT', '/patrol/schedule', {
      enabled: true,
      times: [...PROP_ROUND_TIMES],
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    });
    expect(schedule.status).toBe(200);
    // Read as the sheet prints them, without drawing the QR images the test has no use for.
    const sheet: Array<{ code: string; scan_code: string }> = await t.ds.query(
      `SELECT c.code, c.scan_code FROM patrol_checkpoints c JOIN sites s ON s.id = c.site_id WHERE s.code = $1 AND c.active
       ORDER BY c.position, c.code`,
      [code],
    );
    const checkpoints = sheet.map((c) => c.code);
    const history: Record<string, CheckpointCodes> = Object.fromEntries(sheet.map((c) => [c.code, { first: c.scan_code, rotated: null }]));

    const planned = roundEvents(p, testDay, checkpoints, nowMs);
    const isCheck = (e: RawEvent | PlannedCheck): e is PlannedCheck => 'at' in e;
    const resolve = (e: RawEvent | PlannedCheck) => (isCheck(e) ? checkEvent(e, history[e.checkpoint]) : e);
    const send = async (list: RawEvent[], clockAt: number) => {
      t.clock.setNow(new Date(clockAt));
      for (const batch of postingOrder(p, list)) {
        const res = await call<IngestResponse>(`${t.url}/api/v1/patrol/sites/${code}/events`, 'POST', patroller, { events: batch });
        expect(res.status).toBe(200);
        expect(res.body.results.filter((r) => r.status === 'rejected')).toEqual([]);
      }
    };
    const rotateAt = p.rotation && localMidnight(testDay) + p.rotation.atMin * 60_000;
    let first: Array<RawEvent | PlannedCheck> = [];
    if (p.rotation && rotateAt !== null && rotateAt <= nowMs) {
      const checkpoint = checkpoints[p.rotation.checkpoint];
      history[checkpoint].rotated = { code: '', at: rotateAt };
      // Sent before the rotation: what was dated before it, but for a check typed with the sheet yet to come.
      first = planned.filter((e) => (isCheck(e) ? e.at : Date.parse(e.occurredAt)) < rotateAt && !(isCheck(e) && e.code === 'other'));
      await send(first.map(resolve), rotateAt);
      const rotated = await admin('POST', `/patrol/checkpoints/${checkpoint}/rotate-code`);
      expect(rotated.status).toBe(200);
      history[checkpoint].rotated!.code = String(rotated.body.scanCode);
    }
    const events = planned.map(resolve);
    await send(planned.filter((e) => !first.includes(e)).map(resolve), nowMs);
    const ref: RefPatrol = {
      rounds: PROP_ROUND_TIMES.map((time, i) => ({ code: `${testDay}-${i + 1}`, due: roundDue(testDay, time) })),
      checklist: checkpoints,
      codes: Object.fromEntries(
        Object.entries(history).map(([cp, h]) => [
          cp,
          h.rotated
            ? [
                { code: h.first, from: null, to: h.rotated.at },
                { code: h.rotated.code, from: h.rotated.at, to: null },
              ]
            : [{ code: h.first, from: null, to: null }],
        ]),
      ),
      leadMin: p.leadMin ?? 15,
      minDurationSec: p.minDurationSec ?? 300,
    };
    return { ref, events };
  }

  function mismatches(expected: Values, actual: Values | undefined, where: string): string[] {
    const out: string[] = [];
    for (const id of INDICATOR_IDS) {
      const e = expected[id];
      const a = actual?.[id];
      const same = e === a || (typeof e === 'number' && typeof a === 'number' && Math.abs(e - a) < 1e-9);
      if (!same) out.push(`${where} ${id}: expected ${e}, got ${a}`);
    }
    return out;
  }

  it(
    `holds for ${RUNS} random hall days`,
    async () => {
      await fc.assert(
        fc.asyncProperty(hallDayArb, patrolDayArb, async (day, patrol) => {
          const code = `prop${++runNo}`;
          const { key, registry, settings } = await prepareSite(day, code);
          const { events, register, now } = dayEvents(day, testDay);
          const usual = await seedHistory(day, code, now);
          // The register's entries as filed and decided (the register's own rules are tested elsewhere).
          for (const r of register)
            await t.ds.query(
              `INSERT INTO absence_entries (site_id, staff, department, kind, starts_at, ends_at, reason, state, filed_by, filed_at, returned_at)
               SELECT id, $2, NULL, $3, $4, $5, 'property', $6, 'prop', $4, $7 FROM sites WHERE code = $1`,
              [code, r.staff, r.kind, new Date(r.from), new Date(r.to), r.state, r.returnedAt === null ? null : new Date(r.returnedAt)],
            );
          const refused: Array<{ status: string; field?: string; reason?: string }> = [];
          for (const batch of postingOrder(day, events)) {
            const res = await fetch(`${t.url}/api/v1/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
              body: JSON.stringify({ events: batch }),
            });
            const body = (await res.json()) as { results: Array<{ status: string; field?: string; reason?: string }> };
            expect(res.status).toBe(200);
            refused.push(...body.results.filter((r) => r.status === 'rejected'));
          }
          // The only refusals are second ratings of a visit (one rating per visit), one per extra rating.
          const visitOf = events.filter((e) => e.type === 'review.submitted').map(ratingVisitOf);
          const rated = visitOf.filter((v) => v !== null);
          expect(refused.length).toBe(rated.length - new Set(rated).size);
          for (const r of refused)
            expect(r).toMatchObject({ field: expect.stringMatching(/^data\.(ticket|phone)$/), reason: 'already_rated' });
          const rounds = await walkRounds(code, patrol, now.getTime());
          registry.patrol = rounds.ref;
          t.clock.setNow(now);
          // The jobs would have moved the rounds on by now; the sync does it at once.
          await t.app.get(PatrolSync).syncSite(await t.ds.getRepository(Site).findOneByOrFail({ code }));
          const headers = bearer(await t.displayToken(code));
          const snap = (await (await fetch(`${t.url}/api/v1/sites/${code}/indicators`, { headers })).json()) as IndicatorSnapshot;
          const asOf = new Date(snap.asOf);
          // Computed after the clock was set, not a snapshot kept from before; the reference reads the day at asOf itself.
          expect(asOf.getTime()).toBeGreaterThanOrEqual(now.getTime());

          const ref = referenceIndicators([...events, ...rounds.events], asOf, registry, settings, usual, [], register);
          const problems = mismatches(ref.values, snap.values, 'site');
          expect(Object.keys(snap.departments).sort()).toEqual(Object.keys(ref.departments).sort());
          for (const [d, v] of Object.entries(ref.departments)) problems.push(...mismatches(v, snap.departments[d], d));
          expect(problems).toEqual([]);
          // However many ratings arrive, and in whatever order, a rate of ratings never passes 1.
          for (const v of [snap.values, ...Object.values(snap.departments)]) expect(v['reviews.active_rate'] ?? 0).toBeLessThanOrEqual(1);
          // The reference models the indicators' own alerts; other features' sources (follow-up deadlines) have their own tests.
          const own = snap.alerts.filter((a) => (LIVE_ALERT_KINDS as readonly string[]).includes(a.kind));
          expect(own.map((a) => `${a.id}|${a.severity}|${a.since}`).sort()).toEqual(ref.alerts);
          for (const a of snap.alerts) expect(a.items.length).toBeGreaterThan(0);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    Math.max(120_000, RUNS * 3000),
  );
});
