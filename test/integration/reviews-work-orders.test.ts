import { FollowUpCaseView, ReviewAuditView, TrendSeriesView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { makeUser, signIn } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { getBytes } from '../support/rectification-api';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';
import { Clock } from '../../server/src/core/time/clock';

jest.setTimeout(60_000);

// 12345 complaints on the follow-up desk: the work order, its limits and the platform's changes
// in the case views; 退单 with its reason, audited; and the platform's closing, withdrawal and
// reopening moving the case the same way whatever order they arrive in.
describe('work orders on the follow-up desk', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let supervisor: string;
  let leader: string;
  let department: string;
  // Everything happened within the last hour; the platform's limits lie ahead.
  const base = Date.now() - 50 * 60_000;
  const at = (min: number) => new Date(base + min * 60_000);
  const ahead = (days: number) => new Date(base + days * 86_400_000).toISOString();
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  const order = (id: string, workOrder: string | null, min = 0) =>
    ev(
      'complaint.received',
      {
        source: workOrder ? 'hotline_12345' : 'onsite',
        summary: `投诉 ${id}`,
        department: 'd1',
        phone: '13911112222',
        ...(workOrder ? { workOrder, signBy: ahead(1), closeBy: ahead(5) } : {}),
      },
      at(min),
      id,
    );
  const platform = (id: string, workOrder: string, change: string, min: number, extra: Record<string, unknown> = {}) =>
    ev('complaint.platform_updated', { workOrder, change, ...extra }, at(min), id);
  const detail = async (sourceId: string) =>
    (await h.admin<FollowUpCaseView>('GET', `/sites/wko/follow-ups/${(await h.caseOf(sourceId)).id}`)).body;
  const returnIt = (id: string, body: unknown, token: string | null = supervisor) =>
    h.admin<FollowUpCaseView & { field?: string; message?: string }>('POST', `/sites/wko/follow-ups/${id}/return`, body, token);
  const audit = async (id: string) => (await h.admin<ReviewAuditView[]>('GET', `/sites/wko/review-audit?subject=follow-up:${id}`)).body;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    await makeSite(t.ds, 'wko');
    h = await reviewsHarness(t, 'wko');
    await makeUser(t, 'wko.sup', 'supervisor', ['wko']);
    await makeUser(t, 'wko.lead', 'leader', ['wko']);
    await makeUser(t, 'wko.d1', 'department', { site: 'wko', department: 'd1' });
    // The desk acts half an hour after the orders came in: the platform's later answers come after its 退单.
    t.app.get(Clock).setNow(at(30));
    supervisor = (await signIn(t.url, 'wko.sup')).token;
    leader = (await signIn(t.url, 'wko.lead')).token;
    department = (await signIn(t.url, 'wko.d1')).token;
    await h.post([
      order('c-12345', 'GD-001'),
      order('c-book', null),
      ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1', window: 'w1', staff: 's1', ticket: 'A017' }, at(0), 'bad-1'),
    ]);
  });
  afterAll(async () => t.close());

  it('shows the work order, its limits, the ticket and the platform history in the case views', async () => {
    const list = await h.cases('open');
    const complaint = list.find((c) => c.sourceId === 'c-12345')!;
    expect(complaint.workOrder).toEqual({
      number: 'GD-001',
      signBy: ahead(1),
      closeBy: ahead(5),
      firstSignBy: null,
      firstCloseBy: null,
      platformStatus: null,
      platformChangedAt: null,
      returned: null,
      awaitingPlatform: false,
      closedByPlatformAt: null,
    });
    expect(list.find((c) => c.sourceId === 'c-book')!.workOrder).toBeNull();
    expect(list.find((c) => c.sourceId === 'bad-1')).toMatchObject({ ticket: 'A017', workOrder: null, window: 'w1', staff: 's1' });

    await h.post([platform('u-ext', 'GD-001', 'extended', 5, { closeBy: ahead(10), note: '群众补充材料，延期五日' })]);
    const one = await detail('c-12345');
    expect(one.workOrder).toMatchObject({ signBy: ahead(1), closeBy: ahead(10), firstSignBy: ahead(1), firstCloseBy: ahead(5) });
    expect(one.platformUpdates).toEqual([
      { at: at(5).toISOString(), change: 'extended', signBy: null, closeBy: ahead(10), note: '群众补充材料，延期五日' },
    ]);
    expect((await detail('bad-1')).platformUpdates).toBeUndefined();
  });

  it('refuses a 退单 without a reason, of a case that is no work order, or by a role that may not, and stores nothing', async () => {
    const id = (await h.caseOf('c-12345')).id;
    expect(await returnIt(id, {})).toMatchObject({ status: 400, body: { field: 'reason', message: 'reason is required' } });
    expect(await returnIt(id, { reason: '   ' })).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect(await returnIt(id, { reason: 42 })).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect(await returnIt(id, { reason: '长'.repeat(501) })).toMatchObject({ status: 400, body: { field: 'reason' } });
    expect((await returnIt((await h.caseOf('bad-1')).id, { reason: '非本中心事项' })).status).toBe(409);
    expect((await returnIt((await h.caseOf('c-book')).id, { reason: '非本中心事项' })).status).toBe(409);
    expect((await returnIt('00000000-0000-0000-0000-000000000000', { reason: '非本中心事项' })).status).toBe(404);
    expect((await returnIt(id, { reason: '非本中心事项' }, leader)).status).toBe(403);
    // The department that owns the case works it, but a 退单 is the desk's.
    expect((await returnIt(id, { reason: '非本中心事项' }, department)).status).toBe(403);
    expect((await returnIt(id, { reason: '非本中心事项' }, null)).status).toBe(401);
    expect((await detail('c-12345')).workOrder?.returned).toBeNull();
    expect((await audit(id)).filter((a) => a.action === 'follow-up.return')).toEqual([]);
    expect(await one(t.ds, `SELECT count(*)::int AS n FROM follow_up_actions WHERE kind = 'return'`)).toEqual({ n: 0 });
  });

  it('returns a work order with its reason, audited, once until the platform answers; the platform closing it closes the case', async () => {
    const id = (await h.caseOf('c-12345')).id;
    const res = await returnIt(id, { reason: '反映事项属市场监管部门职责，非本中心受理范围' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awaiting_contact');
    expect(res.body.workOrder).toMatchObject({
      returned: { at: expect.any(String), by: 'wko.sup', reason: '反映事项属市场监管部门职责，非本中心受理范围' },
      awaitingPlatform: true,
    });
    expect(res.body.actions?.map((a) => [a.kind, a.actor, a.note])).toEqual([
      ['return', 'wko.sup', '反映事项属市场监管部门职责，非本中心受理范围'],
    ]);
    expect((await audit(id)).map((a) => [a.action, a.actor, a.detail])).toEqual([
      [
        'follow-up.return',
        'wko.sup',
        { kind: 'complaint', sourceId: 'c-12345', workOrder: 'GD-001', reason: '反映事项属市场监管部门职责，非本中心受理范围' },
      ],
    ]);
    expect((await returnIt(id, { reason: '再次退单' })).status).toBe(409);

    await h.post([platform('u-close', 'GD-001', 'closed', 40)]);
    const closed = await detail('c-12345');
    expect(closed).toMatchObject({ status: 'closed', closedAt: at(40).toISOString() });
    expect(closed.workOrder).toMatchObject({ platformStatus: 'closed', awaitingPlatform: false, closedByPlatformAt: at(40).toISOString() });
    expect(closed.actions?.map((a) => [a.kind, a.actor, a.note])).toContainEqual(['platform', 'platform', 'closed']);
    expect((await h.cases('open')).map((c) => c.sourceId)).not.toContain('c-12345');
    expect(await one(t.ds, `SELECT closed_at IS NOT NULL AS closed FROM complaints WHERE event_id = 'c-12345'`)).toEqual({ closed: true });
    // A closed case takes no more steps, a 退单 included.
    expect((await returnIt(id, { reason: '再次退单' })).status).toBe(409);
    expect((await h.admin('POST', `/sites/wko/follow-ups/${id}/contact`, { reached: true })).status).toBe(409);
  });

  it('settles the case the same whatever order the platform changes arrive in', async () => {
    // The same story twice: the order comes in, the platform closes it, then sends it back to be redone.
    await h.post([order('c-a', 'GD-A', 1)]);
    await h.post([platform('a-close', 'GD-A', 'closed', 10)]);
    expect((await h.caseOf('c-a')).status).toBe('closed');
    await h.post([platform('a-redo', 'GD-A', 'reopened', 20, { closeBy: ahead(8) })]);
    // ...and backwards: the reopening first, then the closing it overrides, then the order itself.
    await h.post([platform('b-redo', 'GD-B', 'reopened', 20, { closeBy: ahead(8) })]);
    await h.post([platform('b-close', 'GD-B', 'closed', 10)]);
    await h.post([order('c-b', 'GD-B', 1)]);
    const [a, b] = [await detail('c-a'), await detail('c-b')];
    for (const c of [a, b]) {
      expect(c).toMatchObject({ status: 'awaiting_contact', closedAt: null });
      expect(c.workOrder).toMatchObject({ platformStatus: 'reopened', closeBy: ahead(8), closedByPlatformAt: null });
    }
    expect((await h.cases('open')).map((c) => c.sourceId)).toEqual(expect.arrayContaining(['c-a', 'c-b']));
    expect(await one(t.ds, `SELECT count(*)::int AS n FROM complaints WHERE event_id IN ('c-a', 'c-b') AND closed_at IS NULL`)).toEqual({
      n: 2,
    });

    // Closed on the platform before the order reaches the hall: the case opens closed.
    await h.post([platform('c-close', 'GD-C', 'closed', 12)]);
    await h.post([order('c-c', 'GD-C', 2)]);
    expect(await detail('c-c')).toMatchObject({ status: 'closed', closedAt: at(12).toISOString() });
  });

  it('keeps the steps a reopened case had taken, and lets it be returned again once the platform answered', async () => {
    const id = (await h.caseOf('c-a')).id;
    expect((await h.admin('POST', `/sites/wko/follow-ups/${id}/contact`, { reached: true, note: '已联系' })).status).toBe(200);
    expect((await returnIt(id, { reason: '非本中心事项' })).status).toBe(200);
    await h.post([platform('a-close-2', 'GD-A', 'closed', 45)]);
    expect((await h.caseOf('c-a')).status).toBe('closed');
    await h.post([platform('a-redo-2', 'GD-A', 'reopened', 48)]);
    const c = await detail('c-a');
    expect(c.status).toBe('in_progress');
    expect(c.workOrder).toMatchObject({ awaitingPlatform: false, returned: { reason: '非本中心事项' } });
    expect((await returnIt(id, { reason: '仍非本中心事项' })).status).toBe(200);
  });

  it('withdraws the case of an order the platform withdrew, which falls due for nobody in the rates', async () => {
    await h.post([order('c-w', 'GD-W', 3), platform('w-wd', 'GD-W', 'withdrawn', 30, { note: '群众撤诉' })]);
    expect(await detail('c-w')).toMatchObject({
      status: 'withdrawn',
      closedAt: at(30).toISOString(),
      workOrder: { platformStatus: 'withdrawn', closedByPlatformAt: at(30).toISOString() },
    });
    await h.rollups.flushAll();
    const totals = (await h.admin<TrendSeriesView>('GET', `/trends/series?site=wko&from=${dayOf(at(0))}&to=${dayOf(at(3))}`)).body.totals;
    // c-12345 and c-c, closed by their platform within the hall's deadline, are due and on time; c-w is not due.
    expect(totals).toMatchObject({ complaints: 6, complaintsDue: 2, complaintsClosedOnTime: 2 });

    // The follow-up ledger says who withdrew it: the platform, not an appeal.
    const file = await getBytes(t.url, '/sites/wko/follow-ups/export.xlsx?status=closed', REVIEWS_ADMIN_TOKEN);
    const wb = new Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('平台已撤单');
    expect(cells).not.toContain('申诉成立，已撤销');
  });
});
