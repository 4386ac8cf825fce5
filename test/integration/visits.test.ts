import type {
  PatrolNoticeDocumentView,
  PatrolNoticeView,
  VisitDetailView,
  VisitNoticeView,
  VisitPlanView,
  VisitView,
} from '@hallwatch/shared';
import { PNG } from 'pngjs';
import { auditCount, call, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { hall, MONDAY } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';
import { Site } from '../../server/src/modules/registry/site.entity';

jest.setTimeout(90_000);

// Field (实地督导) and mystery (暗访) visits of the district office to its towns and villages:
// planned, walked, their findings sent to the town as 督查告知书 on the hall's working days and
// answered by the town. The clock stands on a fixed Monday (2024-07-15, hall time): five working
// days from it end with Monday 22 July, so the deadline is 23 July 00:00 whatever the real date.

const ADMIN = 'test-admin-token-visits';
const DISTRICT = 'vd';
const TOWN = 'vd-t1';
const VILLAGE = 'vd-t1-v1';
const OTHER_TOWN = 'vd-t2';

function photo(): Buffer {
  const png = new PNG({ width: 20, height: 20 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([30, 90, 200, 255], i);
  return PNG.sync.write(png);
}

describe('visits to the town centres and villages', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = <T = Record<string, unknown>>(who: string, method: string, site: string, path: string, body?: unknown) =>
    call<T>(t.url, method, `/api/v1/admin/sites/${site}${path}`, { token: who === 'admin' ? ADMIN : tokens[who], body });
  const plan = (who: string, body: Record<string, unknown>) => as<VisitView & { field?: string }>(who, 'POST', DISTRICT, '/visits', body);
  const allPoints = ['layout', 'items', 'signage', 'duties', 'on-post', 'conduct-qr'];

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    const district = await makeSite(t.ds, DISTRICT, 1);
    const sites = t.ds.getRepository(Site);
    const town = await sites.save({
      code: TOWN,
      name: '长兴路街道便民服务中心',
      nameEn: 'Changxing Rd Centre',
      tier: 'town',
      parentId: district.id,
    });
    await sites.save({ code: OTHER_TOWN, name: '迎宾路街道便民服务中心', nameEn: null, tier: 'town', parentId: district.id });
    await sites.save({ code: VILLAGE, name: '清华园社区便民服务站', nameEn: null, tier: 'village', parentId: town.id });
    await makeUser(t, 'sup.vd', 'supervisor', [DISTRICT]);
    await makeUser(t, 'walker.vd', 'patrol', [DISTRICT]);
    await makeUser(t, 'other.vd', 'patrol', [DISTRICT]);
    await makeUser(t, 'leader.vd', 'leader', [DISTRICT]);
    await makeUser(t, 'town.vd', 'supervisor', [TOWN]);
    for (const u of ['sup.vd', 'walker.vd', 'other.vd', 'leader.vd', 'town.vd']) tokens[u] = (await signIn(t.url, u)).token;
    t.clock.setNow(hall(MONDAY, '09:00:00'));
  });
  afterAll(async () => t.close());

  it('refuses a bad plan naming the field, stores nothing, and lets only planners plan', async () => {
    const good = { target: VILLAGE, kind: 'field', plannedOn: MONDAY, assignee: 'walker.vd' };
    for (const [body, field] of [
      [{ ...good, target: DISTRICT }, 'target'],
      [{ ...good, target: 'nowhere' }, 'target'],
      [{ ...good, kind: 'surprise' }, 'kind'],
      [{ ...good, plannedOn: '2024-13-01' }, 'plannedOn'],
      [{ ...good, assignee: 'leader.vd' }, 'assignee'],
      [{ ...good, assignee: undefined }, 'assignee'],
    ] as const) {
      const res = await plan('sup.vd', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect((await plan('walker.vd', good)).status).toBe(403);
    expect((await plan('leader.vd', good)).status).toBe(403);
    expect(await t.ds.query(`SELECT 1 FROM visits`)).toHaveLength(0);
  });

  it("walks a village's field visit and sends its finding to the village's town as a numbered notice", async () => {
    const planned = await plan('sup.vd', { target: VILLAGE, kind: 'field', plannedOn: MONDAY, assignee: 'walker.vd' });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ state: 'planned', site: { code: VILLAGE, tier: 'village' }, town: { code: TOWN } });
    const id = planned.body.id;
    const visit = (path: string, who = 'walker.vd', method = 'POST', body?: unknown) =>
      as<VisitDetailView & { field?: string }>(who, method, DISTRICT, `/visits/${id}${path}`, body);

    // Another patroller's visit is not theirs to walk; points are judged only once it is under way.
    expect((await visit('/start', 'other.vd')).status).toBe(403);
    expect((await visit('/checks/layout', 'walker.vd', 'PUT', { result: 'pass' })).status).toBe(409);
    const started = await visit('/start');
    expect(started.status).toBe(200);
    expect(started.body.checks.map((c) => c.point)).toEqual(allPoints);
    expect((await visit('/start')).status).toBe(409);

    const bad = await visit('/checks/nope', 'walker.vd', 'PUT', { result: 'pass' });
    expect([bad.status, bad.body.field]).toEqual([400, 'point']);
    const badResult = await visit('/checks/layout', 'walker.vd', 'PUT', { result: 'maybe' });
    expect([badResult.status, badResult.body.field]).toEqual([400, 'result']);
    for (const p of allPoints)
      await visit(
        `/checks/${p}`,
        'walker.vd',
        'PUT',
        p === 'signage' ? { result: 'fail', note: '门头标识被树木遮挡' } : { result: 'pass' },
      );
    const up = await fetch(`${t.url}/api/v1/admin/sites/${DISTRICT}/visits/${id}/checks/signage/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens['walker.vd']}`, 'content-type': 'image/png' },
      body: new Uint8Array(photo()),
    });
    expect(up.status).toBe(201);

    // A field visit records no mystery experience; extra findings are written beside the failed point.
    const wrong = await visit('/finish', 'walker.vd', 'POST', { mystery: { waitedMin: 3, servedCorrectly: true, experience: 'x' } });
    expect([wrong.status, wrong.body.field]).toEqual([400, 'mystery']);
    t.clock.setNow(hall(MONDAY, '10:30:00'));
    const finished = await visit('/finish', 'walker.vd', 'POST', { summary: '整体良好', findings: ['事项清单未更新至7月版'] });
    expect(finished.status).toBe(200);
    expect(finished.body.visit).toMatchObject({ state: 'finished', findings: 2, openFindings: 2 });
    expect(finished.body.findings.map((f) => f.text)).toEqual([
      '标识标牌醒目：门头、指引、窗口标识位置明显：门头标识被树木遮挡',
      '事项清单未更新至7月版',
    ]);
    expect((await visit('/finish')).status).toBe(409);

    const signage = finished.body.findings.find((f) => f.point === 'signage')!;
    const notice = (who: string, body: unknown, finding = signage.id) =>
      as<VisitDetailView & { field?: string }>(who, 'POST', DISTRICT, `/visits/${id}/findings/${finding}/notice`, body);
    const tooLong = await notice('sup.vd', { workingDays: 40 });
    expect([tooLong.status, tooLong.body.field]).toEqual([400, 'workingDays']);
    expect((await notice('walker.vd', {})).status).toBe(403);
    expect(await t.ds.query(`SELECT 1 FROM patrol_notices`)).toHaveLength(0);

    const issued = await notice('sup.vd', { workingDays: 5, text: '请于期限内完成标识整改' });
    expect(issued.status).toBe(201);
    const sent = issued.body.findings.find((f) => f.id === signage.id)!;
    expect(sent.state).toBe('noticed');
    expect(sent.notice).toMatchObject({ number: '测试大厅 vd督告〔2024〕1号', status: 'open', office: DISTRICT });
    expect(sent.notice!.deadline).toBe(new Date('2024-07-23T00:00:00+08:00').toISOString());
    expect((await notice('sup.vd', {})).status).toBe(409);

    // The one notice machinery: listed at the district hall, addressed to the village's town.
    const listed = (await as<PatrolNoticeView[]>('sup.vd', 'GET', DISTRICT, '/patrol/notices?status=all')).body;
    expect(listed).toEqual([expect.objectContaining({ id: sent.notice!.id, source: 'visit', department: TOWN, items: [9, 23, 46] })]);
    const doc = await as<PatrolNoticeDocumentView>('sup.vd', 'GET', DISTRICT, `/patrol/notices/${sent.notice!.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.department).toEqual({ code: TOWN, name: '长兴路街道便民服务中心', nameEn: 'Changxing Rd Centre' });
    expect(doc.body.facts.checkpoint.label.zh).toBe(
      '实地督导（长兴路街道便民服务中心·清华园社区便民服务站）：标识标牌醒目：门头、指引、窗口标识位置明显',
    );
    expect(doc.body.requirement).toBe('请于期限内完成标识整改');
    expect(doc.body.facts.photo).toMatch(/\/photo$/);
    expect(
      (await fetch(`${t.url}${doc.body.facts.photo}`, { headers: { authorization: `Bearer ${ADMIN}` } })).headers.get('content-type'),
    ).toBe('image/png');

    // The town reads and answers it at its own site; another town has no such notice.
    const addressed = await as<VisitNoticeView[]>('town.vd', 'GET', TOWN, '/visits/notices/addressed');
    expect(addressed.body).toEqual([expect.objectContaining({ id: sent.notice!.id, visit: expect.objectContaining({ site: VILLAGE }) })]);
    const reply = (who: string, site: string, body: unknown) =>
      as<VisitNoticeView & { field?: string }>(who, 'POST', site, `/visits/notices/${sent.notice!.id}/reply`, body);
    expect((await reply('admin', OTHER_TOWN, { reply: '已整改' })).status).toBe(404);
    expect((await reply('town.vd', DISTRICT, { reply: '已整改' })).status).toBe(403);
    const blank = await reply('town.vd', TOWN, { reply: '  ' });
    expect([blank.status, blank.body.field]).toEqual([400, 'reply']);
    const answered = await reply('town.vd', TOWN, { reply: '已修剪树木并移设门头标识' });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'closed', repliedBy: 'town.vd' });
    expect((await reply('town.vd', TOWN, { reply: '再答一次' })).status).toBe(409);

    // The office accepts the answer with the notices' own route: the finding is closed.
    expect((await as('sup.vd', 'POST', DISTRICT, `/patrol/notices/${sent.notice!.id}/accept`)).status).toBe(201);
    const after = (await as<VisitDetailView>('sup.vd', 'GET', DISTRICT, `/visits/${id}`)).body;
    expect(after.findings.map((f) => f.state)).toEqual(['closed', 'open']);
    expect(after.visit.openFindings).toBe(1);

    for (const action of ['visit.plan', 'visit.start', 'visit.finish', 'visit.notice.issue', 'visit.notice.reply', 'patrol.notice.accept'])
      expect(await auditCount(t.ds, action)).toBeGreaterThanOrEqual(1);
  });

  it("addresses a town's own finding to the town, and keeps a mystery visit from the town until it is finished", async () => {
    const planned = await plan('sup.vd', { target: TOWN, kind: 'mystery', plannedOn: '2024-07-16', assignee: 'walker.vd' });
    expect(planned.status).toBe(201);
    const id = planned.body.id;
    const townMonth = async () =>
      (await as<VisitPlanView>('town.vd', 'GET', TOWN, '/visits?month=2024-07')).body.towns[0].visits.map((v) => v.id);
    expect(await townMonth()).not.toContain(id);
    expect((await as('town.vd', 'GET', TOWN, `/visits/${id}`)).status).toBe(404);
    const office = (await as<VisitPlanView>('leader.vd', 'GET', DISTRICT, '/visits?month=2024-07')).body;
    expect(office.towns.map((x) => [x.town.code, x.visits.length])).toEqual([
      [TOWN, 2],
      [OTHER_TOWN, 0],
    ]);

    await as('walker.vd', 'POST', DISTRICT, `/visits/${id}/start`);
    for (const p of allPoints) await as('walker.vd', 'PUT', DISTRICT, `/visits/${id}/checks/${p}`, { result: 'pass' });
    const noStory = await as<{ field: string }>('walker.vd', 'POST', DISTRICT, `/visits/${id}/finish`, {});
    expect([noStory.status, noStory.body.field]).toEqual([400, 'mystery']);
    const badWait = await as<{ field: string }>('walker.vd', 'POST', DISTRICT, `/visits/${id}/finish`, {
      mystery: { waitedMin: -1, servedCorrectly: true, experience: '排队' },
    });
    expect([badWait.status, badWait.body.field]).toEqual([400, 'mystery.waitedMin']);
    const done = await as<VisitDetailView>('walker.vd', 'POST', DISTRICT, `/visits/${id}/finish`, {
      mystery: { waitedMin: 25, servedCorrectly: false, experience: '咨询社保转移，被告知去区大厅办理，实际本中心可办' },
    });
    expect(done.status).toBe(200);
    expect(done.body.visit.mystery).toEqual({
      waitedMin: 25,
      servedCorrectly: false,
      experience: '咨询社保转移，被告知去区大厅办理，实际本中心可办',
    });
    expect(done.body.findings).toHaveLength(1);
    expect(await townMonth()).toContain(id);

    const issued = await as<VisitDetailView>('sup.vd', 'POST', DISTRICT, `/visits/${id}/findings/${done.body.findings[0].id}/notice`, {});
    expect(issued.status).toBe(201);
    const n = issued.body.findings[0].notice!;
    expect(n.number).toBe('测试大厅 vd督告〔2024〕2号');
    const row = await t.ds.query(`SELECT department, addressee_site_id FROM patrol_notices WHERE id = $1`, [n.id]);
    const town = await t.ds.getRepository(Site).findOneByOrFail({ code: TOWN });
    expect(row).toEqual([{ department: TOWN, addressee_site_id: town.id }]);
  });

  it('keeps a checklist per site, edited by admins only', async () => {
    const put = (who: string, body: unknown) =>
      as<{ field?: string; points: Array<{ code: string }> }>(who, 'PUT', OTHER_TOWN, '/visits/checklist', body);
    expect((await put('sup.vd', { points: [] })).status).toBe(403);
    const dup = await put('admin', {
      points: [
        { code: 'a', label: '甲' },
        { code: 'a', label: '乙' },
      ],
    });
    expect([dup.status, dup.body.field]).toEqual([400, 'points.1.code']);
    const blank = await put('admin', { points: [{ code: 'a', label: ' ' }] });
    expect([blank.status, blank.body.field]).toEqual([400, 'points.0.label']);
    const set = await put('admin', {
      points: [
        { code: 'window-sign', label: '窗口标识' },
        { code: 'layout', label: '功能分区' },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.points.map((p) => p.code)).toEqual(['window-sign', 'layout']);
    expect(await auditCount(t.ds, 'visit.checklist.set')).toBe(1);
  });
});
