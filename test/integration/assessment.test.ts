import {
  ASSESSMENT_CRITERIA,
  assessmentReasonText,
  DEFAULT_ASSESSMENT_WEIGHTS,
  type AssessmentCriterion,
  type AssessmentEvidenceResult,
  type AssessmentView,
  type AssessmentWeights,
  type AssessmentWeightsView,
} from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';
import { Department } from '../../server/src/modules/registry/department.entity';
import { HallWindow } from '../../server/src/modules/registry/hall-window.entity';
import { Site } from '../../server/src/modules/registry/site.entity';
import { StaffMember } from '../../server/src/modules/registry/staff-member.entity';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { auditCount, call, makeUser, signIn } from '../support/accounts';
import { hallAt } from '../support/absences';
import { ev } from '../support/factories';
import { postEvents } from '../support/http';
import { getBytes, postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN_TOKEN = 'assessment-admin-token-0123456789abcdef';
const WAIT_TARGET_MIN = 15; // the sites keep the default target of 900 s

/** What one site plays on one service day; every figure of the scorecard is counted from these. */
interface DayPlan {
  /** Minutes each served ticket waited before its call. */
  waits: number[];
  /** One rating per served ticket, in order, while there are ratings. */
  ratings: Array<1 | 2 | 3 | 4 | 5>;
  /** Roster staff (of s1, s2) who signed in. */
  signedIn: string[];
  /** Staff who walked off their window once (an unregistered absence). */
  walkOffs: string[];
}

interface SitePlan {
  code: string;
  tier: 'town' | 'village';
  parent: string;
  days: Record<string, DayPlan>;
  /** Patrol notices due in July: true if answered before the deadline. */
  notices: boolean[];
}

const day = (waits: number[], ratings: DayPlan['ratings'], signedIn: string[], walkOffs: string[] = []): DayPlan => ({
  waits,
  ratings,
  signedIn,
  walkOffs,
});

// Four towns below the district: ta is plainly best (and answers for its village tav); tc plays
// tb's day twice, so every share is the same and only the body of evidence differs; td is tb
// again, figure for figure — the only pair that may tie.
const B_DAY = day([5, 10, 20, 30], [5, 5, 1, 4], ['s1', 's2'], ['s2']);
const PLANS: SitePlan[] = [
  { code: 'ta', tier: 'town', parent: 'dst', days: { '2024-07-22': day([5, 6, 7, 8], [5, 5, 5, 4], ['s1', 's2']) }, notices: [true, true] },
  { code: 'tav', tier: 'village', parent: 'ta', days: { '2024-07-22': day([12, 40], [2], ['s1']) }, notices: [] },
  { code: 'tb', tier: 'town', parent: 'dst', days: { '2024-07-22': B_DAY }, notices: [true, false] },
  { code: 'tc', tier: 'town', parent: 'dst', days: { '2024-07-22': B_DAY, '2024-07-23': B_DAY }, notices: [true, false, true, false] },
  { code: 'td', tier: 'town', parent: 'dst', days: { '2024-07-22': B_DAY }, notices: [true, false] },
];
const TOWNS = ['ta', 'tb', 'tc', 'td'];
const ROSTER = 2;

type Figures = Record<AssessmentCriterion, { num: number; den: number }>;

/** The scorecard's figures recounted from the plan, for a town and its villages. */
function expectedFigures(town: string): Figures {
  const plans = PLANS.filter((p) => p.code === town || p.parent === town);
  const f: Figures = Object.fromEntries(ASSESSMENT_CRITERIA.map((c) => [c, { num: 0, den: 0 }])) as Figures;
  for (const p of plans) {
    for (const d of Object.values(p.days)) {
      f.wait.den += d.waits.length;
      f.wait.num += d.waits.filter((m) => m <= WAIT_TARGET_MIN).length;
      f.good.den += d.ratings.length;
      f.good.num += d.ratings.filter((r) => r >= 4).length;
      // Every bad rating opens a follow-up; by the month's end its deadline has passed unclosed.
      f.followUps.den += d.ratings.filter((r) => r <= 2).length;
      f.active.den += d.waits.length;
      f.active.num += d.ratings.length;
      f.onPost.num += d.signedIn.length;
      f.onPost.den += ROSTER;
      f.absence.den += d.signedIn.length;
      f.absence.num += d.signedIn.filter((s) => !d.walkOffs.includes(s)).length;
    }
    f.notices.den += p.notices.length;
    f.notices.num += p.notices.filter(Boolean).length;
  }
  return f;
}

/** The score as the contract defines it: Σ weight × share; nothing due scores in full, no data 0. */
function expectedScore(f: Figures, w: AssessmentWeights): number {
  return ASSESSMENT_CRITERIA.reduce((s, c) => {
    const { num, den } = f[c];
    const share = den > 0 ? num / den : c === 'followUps' || c === 'notices' ? 1 : 0;
    return s + w[c] * share;
  }, 0);
}

async function makeTieredSite(ds: DataSource, code: string, tier: 'hall' | 'town' | 'village', parentId: string | null): Promise<Site> {
  const site = await ds.getRepository(Site).save({ code, name: `测试${code}`, nameEn: `Test ${code}`, tier, parentId });
  await ds.getRepository(Department).save({ siteId: site.id, code: 'd1', name: '综合窗口', nameEn: 'General', waitTargetSec: null });
  for (const n of [1, 2]) {
    await ds
      .getRepository(HallWindow)
      .save({ siteId: site.id, code: `w${n}`, number: n, departmentCode: 'd1', kind: 'general', isOpen: true });
    await ds.getRepository(StaffMember).save({ siteId: site.id, code: `s${n}`, name: `人员${n}`, departmentCode: 'd1', onRoster: true });
  }
  return site;
}

function eventsOf(p: SitePlan, dayText: string, d: DayPlan) {
  const at = (min: number) => new Date(hallAt(dayText, '09:00').getTime() + min * 60_000);
  const out = d.signedIn.map((s) => ev('staff.signed_in', { staff: s, window: `w${s.slice(1)}` }, at(-30)));
  d.waits.forEach((wait, i) => {
    const ticket = `${p.code}-${dayText.slice(8)}-${i}`;
    const issued = at(i * 60);
    const called = new Date(issued.getTime() + wait * 60_000);
    out.push(
      ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, issued),
      ev('ticket.called', { ticket, window: 'w1' }, called),
      ev('ticket.completed', { ticket, window: 'w1', staff: 's1', outcome: 'done' }, new Date(called.getTime() + 5 * 60_000)),
    );
    const rating = d.ratings[i];
    if (rating !== undefined)
      out.push(
        ev(
          'review.submitted',
          { rating, channel: 'pad', department: 'd1', ticket, window: 'w1', staff: 's1' },
          new Date(called.getTime() + 6 * 60_000),
        ),
      );
  });
  for (const s of d.walkOffs)
    out.push(
      ev('staff.left_post', { staff: s, window: `w${s.slice(1)}`, reason: 'unregistered' }, at(400)),
      ev('staff.returned', { staff: s, window: `w${s.slice(1)}` }, at(430)),
    );
  return out;
}

describe('the assessment of the town centres', () => {
  let t: TestApp;
  let leader: string;
  let supervisor: string;
  const view = async (token: string | null, query = '?month=2024-07') =>
    call<AssessmentView>(t.url, 'GET', `/api/v1/admin/sites/dst/assessment${query}`, { token });
  const putWeights = (token: string, weights: unknown) =>
    call<AssessmentWeightsView & { field?: string; message?: string }>(t.url, 'PUT', '/api/v1/admin/sites/dst/assessment/weights', {
      token,
      body: { weights },
    });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN });
    const dst = await makeTieredSite(t.ds, 'dst', 'hall', null);
    const ids = new Map([['dst', dst.id]]);
    for (const p of PLANS) ids.set(p.code, (await makeTieredSite(t.ds, p.code, p.tier, ids.get(p.parent)!)).id);
    await makeUser(t, 'as.lead', 'leader', ['dst']);
    await makeUser(t, 'as.sup', 'supervisor', ['dst']);
    [leader, supervisor] = await Promise.all(['as.lead', 'as.sup'].map(async (u) => (await signIn(t.url, u)).token));

    t.clock.setNow(hallAt('2024-07-31', '18:00'));
    for (const p of PLANS) {
      const events = Object.entries(p.days).flatMap(([d, plan]) => eventsOf(p, d, plan));
      const res = await postEvents(t.url, await t.deviceKey(p.code), { events });
      expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
      // Notices due on 25 July; answered the day before, or not at all.
      for (const [i, answered] of p.notices.entries())
        await t.ds.query(
          `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, issued_at, issued_by, deadline, remind_at, status, replied_at)
           VALUES ($1, $2, gen_random_uuid(), 'd1', $3, 'patrol', $4, $4, $5, $6)`,
          [
            ids.get(p.code),
            `${p.code}-n${i}`,
            hallAt('2024-07-20', '10:00'),
            hallAt('2024-07-25', '17:00'),
            answered ? 'closed' : 'open',
            answered ? hallAt('2024-07-24', '10:00') : null,
          ],
        );
    }
    // The follow-ups' deadlines passed before the clock's day: escalate them now rather than
    // whenever their jobs run, so that the rollups hold them before anything is read.
    await t.app.get(FollowUpDeadlinesService).escalateMissed();
    await t.app.get(RollupService).flushAll();
  });
  afterAll(async () => t.close());

  it('scores each town from its own and its villages’ figures, and ranks with a reason for every place', async () => {
    const res = await view(leader);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.weights).toEqual(DEFAULT_ASSESSMENT_WEIGHTS);
    expect(v.rows.map((r) => r.site).sort()).toEqual(TOWNS);
    for (const r of v.rows) {
      const f = expectedFigures(r.site);
      expect(Object.fromEntries(r.parts.map((p) => [p.criterion, p.evidence]))).toEqual(f);
      expect(r.score).toBeCloseTo(expectedScore(f, DEFAULT_ASSESSMENT_WEIGHTS), 2);
      expect(r.parts.every((p) => p.noData === null)).toBe(true);
    }
    expect(v.rows.find((r) => r.site === 'ta')!.sites).toBe(2);

    // The order the recount gives: ta's score is highest; tb, tc, td share one score.
    const score = (s: string) => expectedScore(expectedFigures(s), DEFAULT_ASSESSMENT_WEIGHTS);
    expect(score('ta')).toBeGreaterThan(score('tb'));
    expect(score('tc')).toBeCloseTo(score('tb'), 9);
    expect(v.rows.map((r) => [r.site, r.rank])).toEqual([
      ['ta', 1],
      ['tc', 2],
      ['tb', 3],
      ['td', 3],
    ]);
    const [a, c, b, d] = v.rows;
    // ta is ahead on score; its widest gap over tc is the criterion whose points differ most.
    const gaps = ASSESSMENT_CRITERIA.map(
      (k) => [k, a.parts.find((p) => p.criterion === k)!.points - c.parts.find((p) => p.criterion === k)!.points] as const,
    );
    const widest = gaps.reduce((m, g) => (g[1] > m[1] ? g : m));
    expect(a.reason).toMatchObject({ kind: 'score', next: 'tc', criterion: widest[0] });
    expect(a.reason.gap).toBeCloseTo(score('ta') - score('tc'), 2);
    // tc and tb: the same shares, but tc's figures are twice tb's: more evidence, not a tie.
    expect(c.reason).toMatchObject({ kind: 'evidence', next: 'tb', criterion: 'wait' });
    // tb and td: every figure the same, the only tie.
    expect(b.reason).toMatchObject({ kind: 'tie', next: 'td' });
    expect(d.reason.kind).toBe('last');
    expect(v.spread).toEqual({ towns: 4, distinctRanks: 3, range: Math.round((score('ta') - score('tb')) * 100) / 100 });
  });

  it('refuses bad weights naming the field, stores nothing, and audits the weights it takes', async () => {
    const bad: Array<[unknown, string]> = [
      [{ ...DEFAULT_ASSESSMENT_WEIGHTS, wait: 25 }, 'weights'],
      [{ ...DEFAULT_ASSESSMENT_WEIGHTS, wait: 120, good: -80 }, 'weights.wait'],
      [{ ...DEFAULT_ASSESSMENT_WEIGHTS, good: 20.5 }, 'weights.good'],
      [{ ...DEFAULT_ASSESSMENT_WEIGHTS, speed: 0 }, 'weights.speed'],
      [{ wait: 50, good: 50 }, 'weights.active'],
      [[1, 2], 'weights'],
    ];
    for (const [weights, field] of bad) {
      const res = await putWeights(ADMIN_TOKEN, weights);
      expect([res.status, res.body.field]).toEqual([400, field]);
    }
    expect((await putWeights(supervisor, DEFAULT_ASSESSMENT_WEIGHTS)).status).toBe(403);
    expect((await putWeights(leader, DEFAULT_ASSESSMENT_WEIGHTS)).status).toBe(403);
    const stored = await call<AssessmentWeightsView>(t.url, 'GET', '/api/v1/admin/sites/dst/assessment/weights', { token: leader });
    expect(stored.body).toMatchObject({ weights: DEFAULT_ASSESSMENT_WEIGHTS, updatedBy: null });
    expect(await auditCount(t.ds, 'assessment.weights.set')).toBe(0);

    // Everything on the good rate: tb, tc and td still share every share, ta's 4/5 beats their 3/4.
    const onlyGood: AssessmentWeights = { wait: 0, good: 100, active: 0, onPost: 0, absence: 0, followUps: 0, notices: 0 };
    const ok = await putWeights(ADMIN_TOKEN, onlyGood);
    expect(ok.status).toBe(200);
    expect(ok.body.weights).toEqual(onlyGood);
    expect(await auditCount(t.ds, 'assessment.weights.set')).toBe(1);
    const v = (await view(leader)).body;
    expect(v.weights).toEqual(onlyGood);
    for (const r of v.rows) expect(r.score).toBeCloseTo(expectedScore(expectedFigures(r.site), onlyGood), 2);
    expect(v.rows[0]).toMatchObject({ site: 'ta', score: 80, reason: { kind: 'score', criterion: 'good', mine: 0.8, theirs: 0.75 } });
    expect((await putWeights(ADMIN_TOKEN, DEFAULT_ASSESSMENT_WEIGHTS)).status).toBe(200);
  });

  it('refuses a month to come and a site with no towns, naming the field', async () => {
    const future = await call<{ field: string }>(t.url, 'GET', '/api/v1/admin/sites/dst/assessment?month=2024-08', { token: leader });
    expect([future.status, future.body.field]).toEqual([400, 'month']);
    const malformed = await call<{ field: string }>(t.url, 'GET', '/api/v1/admin/sites/dst/assessment?month=2024-7', { token: leader });
    expect(malformed.status).toBe(400);
    const town = await call<{ field: string }>(t.url, 'GET', '/api/v1/admin/sites/ta/assessment?month=2024-07', { token: ADMIN_TOKEN });
    expect([town.status, town.body.field]).toEqual([400, 'site']);
  });

  it('exports the rows the page shows', async () => {
    const v = (await view(leader)).body;
    const file = await getBytes(t.url, '/sites/dst/assessment/export.xlsx?month=2024-07', leader);
    expect(file.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('街道考核')!;
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1));
    });
    const evidenceText = (p: AssessmentView['rows'][number]['parts'][number]) =>
      p.noData === 'full' ? '无到期事项（满分）' : p.noData === 'zero' ? '无数据（0分）' : `${p.evidence.num} / ${p.evidence.den}`;
    expect(rows).toEqual(
      v.rows.map((r) => [
        r.rank,
        r.name,
        r.site,
        r.sites,
        r.score,
        ...r.parts.flatMap((p) => [p.points, evidenceText(p)]),
        assessmentReasonText(r.reason, 'zh'),
        ...['made', 'mystery', 'findings', 'closed'].map((k) => v.visits[r.site][k as keyof (typeof v.visits)[string]]),
      ]),
    );
  });

  it('files the ranking’s spread as evidence on item 46, and the month’s visits per town on item 23', async () => {
    // The office's visits: two to ta (one of them to its village, one mystery), one to tb, one
    // to tc still planned (not made), and one to tb in August (another month).
    const id = async (code: string) => (await t.ds.query(`SELECT id FROM sites WHERE code = $1`, [code]))[0].id as string;
    const visit = async (site: string, town: string, kind: string, on: string, state: string) =>
      t.ds.query(
        `INSERT INTO visits (office_site_id, site_id, town_site_id, kind, planned_on, assignee, planned_by, state)
         VALUES ($1, $2, $3, $4, $5, 'v', 'v', $6)`,
        [await id('dst'), await id(site), await id(town), kind, on, state],
      );
    await visit('ta', 'ta', 'field', '2024-07-03', 'finished');
    await visit('tav', 'ta', 'mystery', '2024-07-18', 'finished');
    await visit('tb', 'tb', 'field', '2024-07-09', 'finished');
    await visit('tc', 'tc', 'field', '2024-07-30', 'planned');
    await visit('tb', 'tb', 'field', '2024-08-01', 'finished');

    const imported = await postForm(
      t.url,
      '/rectification/import?site=dst',
      ADMIN_TOKEN,
      {},
      { field: 'file', name: 'r.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBeLessThan(300);
    expect((await call(t.url, 'POST', '/api/v1/admin/sites/dst/assessment/evidence?month=2024-07', { token: leader })).status).toBe(403);
    const filed = await call<AssessmentEvidenceResult>(t.url, 'POST', '/api/v1/admin/sites/dst/assessment/evidence?month=2024-07', {
      token: supervisor,
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ item: 46, month: '2024-07' });
    expect(filed.body.text).toContain('4 个街道排出 3 个名次');
    const [row] = await t.ds.query(`SELECT text, date::text AS date FROM rectification_evidence WHERE id = $1`, [filed.body.evidenceId]);
    expect(row).toEqual({ text: filed.body.text, date: '2024-07-31' });

    expect(filed.body.visits.item).toBe(23);
    expect(filed.body.visits.text).toContain('开展实地督导和暗访共 3 次（其中暗访 1 次）');
    const named = async (code: string) => (await t.ds.query(`SELECT name FROM sites WHERE code = $1`, [code]))[0].name as string;
    for (const [code, made] of [
      ['ta', 2],
      ['tb', 1],
      ['tc', 0],
      ['td', 0],
    ] as const)
      expect(filed.body.visits.text).toContain(`${await named(code)} ${made} 次`);
    expect(filed.body.visits.text).toContain(`本月未到访：${await named('tc')}、${await named('td')}。`);
    const [visitsRow] = await t.ds.query(
      `SELECT e.text, e.date::text AS date, i.number FROM rectification_evidence e JOIN rectification_items i ON i.id = e.item_id WHERE e.id = $1`,
      [filed.body.visits.evidenceId],
    );
    expect(visitsRow).toEqual({ text: filed.body.visits.text, date: '2024-07-31', number: 23 });
    expect(await auditCount(t.ds, 'assessment.evidence')).toBe(1);
  });
});
