import type { AppealView } from '@hallwatch/shared';
import { ensureDemoAppeals } from '../../server/src/modules/demo/demo-appeals';
import { writeDemoHistory } from '../../server/src/modules/demo/demo-history';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { adminApi } from '../support/admin-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

const TOKEN = 'demo-appeals-admin-token-0123456';

// The demo hall opens with appeals (申诉) on the desk: a few departments' pending appeals against
// a 差评 still being followed up, filed by their own accounts, and two rejected with the grounds.
// Run as of a fixed Wednesday, so it reads the same on any date.
describe('the demo hall’s appeals', () => {
  let t: TestApp;
  const now = new Date('2024-06-19T10:00:00+08:00');
  const api = <T>(path: string) => adminApi(t.url, TOKEN)<T>('GET', `/sites/huiji${path}`);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, FIXED_CLOCK: now.toISOString(), RUN_WORKERS: 'false' });
    await seedDemo(t.ds);
    const history = await writeDemoHistory(t.app, { days: 21, now, volume: 0.15, seed: 7 });
    expect(history.written).toBe(true);
  });
  afterAll(async () => t?.close());

  it('files pending appeals on open cases and two rejected ones, each by its department’s account, audited, once', async () => {
    expect(await ensureDemoAppeals(t.ds, now)).toBe(true);
    const all = (await api<AppealView[]>('/appeals')).body;
    const pending = all.filter((a) => a.status === 'pending');
    const rejected = all.filter((a) => a.status === 'rejected');
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(rejected).toHaveLength(2);
    expect(all.filter((a) => a.status === 'upheld')).toEqual([]);
    for (const a of all) {
      expect(a.filedBy).toBe(`${a.department}.huiji`);
      expect(a.review!.rating).toBeLessThanOrEqual(2);
      expect(new Date(a.filedAt) <= now).toBe(true);
    }
    for (const a of rejected) expect(a).toMatchObject({ decidedBy: 'duchake-li', decisionNote: expect.stringMatching(/\S/) });
    // Pending ones are on cases still open, which the desk shows with the appeal.
    const open = await t.ds.query(
      `SELECT count(*)::int AS n FROM follow_up_cases WHERE source_id = ANY($1) AND status IN ('awaiting_contact', 'in_progress')`,
      [pending.map((a) => a.reviewId)],
    );
    expect(open[0].n).toBe(pending.length);
    const audit = await t.ds.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'appeal.%' GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'appeal.decide', n: 2 },
      { action: 'appeal.file', n: all.length },
    ]);
    // No rate moves: nothing was upheld.
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM reviews WHERE excluded`))[0].n).toBe(0);

    expect(await ensureDemoAppeals(t.ds, now)).toBe(false);
    expect((await api<AppealView[]>('/appeals')).body).toHaveLength(all.length);
  });
});
