import { CallbackCheckListView, CallbackSummaryView, FollowUpCaseView } from '@hallwatch/shared';
import { addDays, isoWeekday, zonedInstant } from '../../server/src/core/time/zoned-time';
import { ensureDemoCallbacks } from '../../server/src/modules/demo/demo-callbacks';
import { writeDemoHistory } from '../../server/src/modules/demo/demo-history';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { adminApi } from '../support/admin-api';
import { modelDrawValue } from '../support/callback-model';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

const TOKEN = 'demo-callbacks-admin-token-0123';

// The demo hall's 回访核实 page is not empty: the follow-ups its history closed are recorded as
// closures and drawn by the real rules, and two are already called back. Run as of a fixed
// Wednesday, so it reads the same on any date.
describe('the demo hall’s callbacks to verify', () => {
  let t: TestApp;
  const now = new Date('2024-06-19T10:00:00+08:00');
  const api = <T>(path: string) => adminApi(t.url, TOKEN)<T>('GET', `/sites/huiji${path}`);
  const rows = async <T>(sql: string, params: unknown[] = []) => (await t.ds.query(sql, params)) as T[];

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, FIXED_CLOCK: now.toISOString(), RUN_WORKERS: 'false' });
    await seedDemo(t.ds);
    const history = await writeDemoHistory(t.app, { days: 21, now, volume: 0.15, seed: 7 });
    expect(history.written).toBe(true);
  });
  afterAll(async () => t?.close());

  it('records every closure the history made, draws by the share and the weekly minimum, and answers two, once', async () => {
    expect(await ensureDemoCallbacks(t.ds, t.config, now)).toBe(true);
    const checks = await rows<{ case_id: string; handler: string; closed_at: Date; draw_value: number; reason: string | null }>(
      `SELECT case_id, handler, closed_at, draw_value, reason FROM callback_checks ORDER BY closed_at`,
    );
    // A work order closed by its platform is no handler's closure, and is not drawn.
    const closedBefore = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_up_cases WHERE (status = 'closed' AND platform_closed_at IS NULL) OR disproved IS NOT NULL`,
    );
    expect(checks.length).toBe(closedBefore[0].n);
    expect(checks.length).toBeGreaterThan(20);
    // The share, recomputed from the contract: exactly the closures whose value is below 10% were drawn at random.
    for (const c of checks) {
      const value = modelDrawValue(t.config.PHONE_SECRET, c.case_id, new Date(c.closed_at).toISOString());
      expect([c.case_id, c.reason === 'random']).toEqual([c.case_id, value < 0.1]);
    }
    // Every handler of a finished week has a closure of that week drawn.
    const thisMonday = addDays('2024-06-19', 1 - isoWeekday('2024-06-19'));
    for (let k = 1; k <= 4; k++) {
      const from = zonedInstant(addDays(thisMonday, -7 * k), '00:00', 'Asia/Shanghai');
      const to = zonedInstant(addDays(thisMonday, -7 * (k - 1)), '00:00', 'Asia/Shanghai');
      const week = checks.filter((c) => new Date(c.closed_at) >= from && new Date(c.closed_at) < to);
      for (const handler of new Set(week.map((c) => c.handler)))
        expect([k, handler, week.some((c) => c.handler === handler && c.reason !== null)]).toEqual([k, handler, true]);
    }

    const all = (await api<CallbackCheckListView>('/callback-checks?status=all&month=2024-06')).body.checks;
    // How many are drawn in the month depends on the cases' ids (the draw hashes them); besides the two
    // answered, at least one waits (each handler's weekly minimum alone draws more than two).
    expect(all.filter((c) => c.answer === null).length).toBeGreaterThanOrEqual(1);
    const falsified = all.find((c) => c.answer === 'not_contacted')!;
    expect(falsified).toMatchObject({ verifiedBy: 'duchake-zhang', caseStatus: 'awaiting_contact' });
    expect((await api<FollowUpCaseView>(`/follow-ups/${falsified.caseId}`)).body).toMatchObject({ disproved: 'not_contacted' });
    expect(all.find((c) => c.answer === 'confirmed')).toMatchObject({ caseStatus: 'closed' });
    const summary = (await api<CallbackSummaryView>('/callback-checks/summary?month=2024-06')).body;
    expect(summary.total).toMatchObject({ verified: 2, notContacted: 1, falsifiedRate: 0.5 });

    expect(await ensureDemoCallbacks(t.ds, t.config, now)).toBe(false);
    expect((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM callback_checks`))[0].n).toBe(checks.length);
  });
});
