import type { AssessmentView, VisitDetailView, VisitPlanView } from '@hallwatch/shared';
import { DEFAULT_VISIT_POINTS } from '@hallwatch/shared';
import { ensureDemoVisits } from '../../server/src/modules/demo/demo-visits';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { adminApi } from '../support/admin-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const TOKEN = 'demo-visits-admin-token-01234567';

// The demo district opens with the office's visits to its town centres and villages: finished
// ones of the last weeks with every point judged, their findings sent to the towns as notices,
// upcoming ones planned, and two towns left unvisited for a month (what item 23 is about). Run
// as of a fixed Wednesday, so it reads the same on any date.
describe('the demo office’s visits', () => {
  let t: TestApp;
  const now = new Date('2024-06-19T10:00:00+08:00');
  const api = <T>(path: string) => adminApi(t.url, TOKEN)<T>('GET', `/sites/huiji${path}`);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, FIXED_CLOCK: now.toISOString(), RUN_WORKERS: 'false' });
    await seedDemo(t.ds);
  });
  afterAll(async () => t?.close());

  it('logs finished visits with every point judged and their findings noticed, plans the next ones, once', async () => {
    expect(await ensureDemoVisits(t.ds, now)).toBe(true);
    const months = [(await api<VisitPlanView>('/visits?month=2024-05')).body, (await api<VisitPlanView>('/visits?month=2024-06')).body];
    const visits = months.flatMap((m) => m.towns.flatMap((x) => x.visits));
    const finished = visits.filter((v) => v.state === 'finished');
    const planned = visits.filter((v) => v.state === 'planned');
    expect(finished.length).toBeGreaterThanOrEqual(5);
    expect(new Set(finished.map((v) => v.kind))).toEqual(new Set(['field', 'mystery']));
    expect(planned.length).toBeGreaterThanOrEqual(1);
    for (const v of planned) expect(v.plannedOn > '2024-06-19').toBe(true);

    let findings = 0;
    for (const v of finished) {
      expect(v.plannedOn < '2024-06-19').toBe(true);
      const d = (await api<VisitDetailView>(`/visits/${v.id}`)).body;
      expect(d.checks.map((c) => c.point).sort()).toEqual(DEFAULT_VISIT_POINTS.map((p) => p.code).sort());
      // Every failed point is a finding; a mystery visit served wrongly adds one of its own.
      const failed = d.checks.filter((c) => c.result === 'fail').map((c) => c.point);
      expect(d.findings.filter((f) => f.point !== null).map((f) => f.point)).toEqual(failed);
      if (v.kind === 'mystery') expect(d.findings.some((f) => f.point === null)).toBe(v.mystery!.servedCorrectly === false);
      for (const f of d.findings) {
        findings++;
        // Issued the morning after: only a visit of the last day has findings not yet noticed.
        if (!f.notice) continue;
        if (f.notice.acceptedAt) expect(f.notice.status).toBe('closed');
        if (f.notice.overdue) expect(f.notice.status).toBe('open');
      }
    }
    expect(findings).toBeGreaterThan(0);
    const numbers: Array<{ number: string; n: number }> = await t.ds.query(
      `SELECT number, count(*)::int AS n FROM patrol_notices WHERE source = 'visit' GROUP BY number HAVING count(*) > 1`,
    );
    expect(numbers).toEqual([]);
    expect(await ensureDemoVisits(t.ds, now)).toBe(false);
  });

  it('leaves two towns unvisited for the last month, and the assessment counts the month’s visits as they were made', async () => {
    const v = (await api<AssessmentView>('/assessment?month=2024-05')).body;
    const recent = await t.ds.query(
      `SELECT t.code FROM sites t WHERE t.tier = 'town'
         AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.town_site_id = t.id AND v.state = 'finished' AND v.planned_on > '2024-05-19')
       ORDER BY t.code`,
    );
    expect(recent.map((r: { code: string }) => r.code)).toHaveLength(2);
    const made = Object.values(v.visits).reduce((n, x) => n + x.made, 0);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM visits WHERE state = 'finished' AND planned_on BETWEEN '2024-05-01' AND '2024-05-31'`,
    );
    expect(made).toBe(n);
  });
});
