import {
  CallbackCheckListView,
  CallbackCheckView,
  CallbackSummaryView,
  FollowUpCaseView,
  IndicatorSnapshot,
  IndicatorUpdate,
  PhoneRevealView,
  QueueName,
  ReviewAuditView,
  TrendSeriesView,
} from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, Queue } from 'bullmq';
import { io, Socket } from 'socket.io-client';
import { AppConfig } from '../../server/src/core/config/app-config';
import { Clock } from '../../server/src/core/time/clock';
import { CallbackWeeklyDrawService } from '../../server/src/modules/reviews/callback-weekly-draw.service';
import { FollowUpsProcessor } from '../../server/src/modules/reviews/jobs/follow-ups.processor';
import { WorkerModule } from '../../server/src/worker.module';
import { CALLBACK_WEEKLY_DRAW, CALLBACK_WEEKLY_DRAW_SCHEDULER } from '../../server/src/modules/reviews/jobs/callback-weekly-draw.job';
import { auditCount, bearer, makeUser, signIn } from '../support/accounts';
import { ErrorBody } from '../support/admin-api';
import { ModelClosure, modelDrawValue, modelWeeklyPicks } from '../support/callback-model';
import { ev, makeSite } from '../support/factories';
import { getJson } from '../support/http';
import { RefCallbackCheck, referenceIndicators, RefSettings } from '../support/indicator-reference';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness, waitFor } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const SITE = 'cb';
const at = (iso: string) => new Date(iso);

// 回访核实 end to end on the real stack. The business clock is set to fixed days of June 2024, so
// the test reads the same on any date: week A (3–9 June) and week B (10–16 June), the weekly draw
// on Monday 17 June, the second calls on Tuesday 18 June.
describe('callbacks verified (回访核实)', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let secret: string;
  let worker: INestApplicationContext | undefined;
  const tokens: Record<string, string> = {};
  /** The tests' own record of every closure and of what they expect to be drawn and answered. */
  const closures: ModelClosure[] = [];
  const model = new Map<string, RefCallbackCheck & { reason: string }>();

  const api = <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, token: string | null = REVIEWS_ADMIN_TOKEN) =>
    h.admin<T>(method, `/sites/${SITE}${path}`, body, token);
  const settings = (body: unknown) => api<ErrorBody>('PATCH', '/settings', body);
  const checks = async (status = 'all') => (await api<CallbackCheckListView>('GET', `/callback-checks?status=${status}`)).body.checks;
  const checkOf = async (caseId: string) => (await checks()).filter((c) => c.caseId === caseId);
  const snapshot = async () =>
    (await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, bearer(REVIEWS_ADMIN_TOKEN))).body;
  const caseById = async (id: string) => (await api<FollowUpCaseView>('GET', `/follow-ups/${id}`)).body;

  /** Contact, fix and confirming call, each by the account given (the confirming call's is the handler). */
  async function close(source: string, handler: string, contactBy = handler): Promise<FollowUpCaseView> {
    const c = await h.caseOf(source);
    const steps: Array<[string, unknown, string]> = [
      ['contact', { reached: true, note: '已电话联系' }, contactBy],
      ['resolution', { note: `已解释、已解决（${source}）` }, handler],
      ['confirmation', { satisfied: true, note: '群众满意' }, handler],
    ];
    for (const [step, body, who] of steps) {
      const res = await api('POST', `/follow-ups/${c.id}/${step}`, body, tokens[who] ?? who);
      if (res.status !== 200) throw new Error(`${step} of ${source}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const closed = await h.caseOf(source);
    closures.push({
      caseId: closed.id,
      handler,
      department: closed.department,
      closedAt: closed.closedAt!,
      value: modelDrawValue(secret, closed.id, closed.closedAt!),
    });
    return closed;
  }

  const expectDrawn = (c: FollowUpCaseView, reason: string, drawnAt: string) =>
    model.set(c.id, { department: c.department, drawnAt: new Date(drawnAt), answer: null, reason });

  const bad = (id: string, occurred: string, department: string, phone?: string) =>
    ev(
      'review.submitted',
      { rating: 1, channel: 'pad', department, window: department === 'd1' ? 'w1' : 'w3', ...(phone ? { phone } : {}) },
      at(occurred),
      id,
    );

  beforeAll(async () => {
    // No periodic wall recompute during the test: an update seen on the socket came from site.changed.
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN, LIVE_REFRESH_MS: '600000' });
    secret = t.config.PHONE_SECRET;
    await makeSite(t.ds, SITE);
    h = await reviewsHarness(t, SITE);
    for (const [user, role] of [
      ['cb.a', 'supervisor'],
      ['cb.b', 'supervisor'],
      ['cb.c', 'supervisor'],
      ['cb.lead', 'leader'],
    ] as const) {
      await makeUser(t, user, role, [SITE]);
      tokens[user] = (await signIn(t.url, user)).token;
    }
    // 进驻部门 d1's own account: it may never call back its own department's citizens.
    await makeUser(t, 'cb.d1', 'department', { site: SITE, department: 'd1' });
    tokens['cb.d1'] = (await signIn(t.url, 'cb.d1')).token;
    tokens['admin-token'] = REVIEWS_ADMIN_TOKEN;
    t.clock.setNow(at('2024-06-05T10:00:00+08:00'));
    const week = Array.from({ length: 20 }, (_, i) =>
      bad(`a${i + 1}`, `2024-06-05T09:${String(i).padStart(2, '0')}:00+08:00`, i % 2 ? 'd2' : 'd1', `1380000${String(1000 + i)}`),
    );
    await h.post([
      ...week,
      ...['b1', 'b2'].map((id, i) => bad(id, '2024-06-05T09:30:00+08:00', 'd1', `1390000555${i}`)),
      ...['c1', 'c2'].map((id) => bad(id, '2024-06-05T09:30:00+08:00', 'd1')),
      ev(
        'complaint.received',
        { source: 'complaint_book', summary: '登记已解决，实际无人联系', department: 'd2', phone: '13900002222' },
        at('2024-06-05T09:40:00+08:00'),
        'k1',
      ),
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('refuses a share outside 0–1, naming the field, and stores nothing', async () => {
    const before = await one(t.ds, `SELECT settings FROM sites WHERE code = $1`, [SITE]);
    for (const value of [1.5, -0.1, '0.2', true])
      expect(await settings({ callbackSampleShare: value })).toMatchObject({ status: 400, body: { field: 'callbackSampleShare' } });
    expect(await one(t.ds, `SELECT settings FROM sites WHERE code = $1`, [SITE])).toEqual(before);
    expect((await api<{ callbackSampleShare: number }>('GET', '/settings')).body.callbackSampleShare).toBe(0.1);
  });

  it('draws exactly the closures whose keyed value falls below the share, and records every closure with its value', async () => {
    expect((await settings({ callbackSampleShare: 0.3 })).status).toBe(200);
    for (let i = 1; i <= 20; i++) await close(`a${i}`, 'cb.a');
    await close('k1', 'cb.a');
    const expected = closures.filter((c) => c.value < 0.3);
    for (const c of expected) expectDrawn((await caseById(c.caseId)) as FollowUpCaseView, 'random', c.closedAt);
    const drawn = await checks();
    expect(drawn.map((c) => c.caseId).sort()).toEqual(expected.map((c) => c.caseId).sort());
    for (const c of drawn) {
      const mine = closures.find((x) => x.caseId === c.caseId)!;
      expect(c).toMatchObject({
        reason: 'random',
        share: 0.3,
        handler: 'cb.a',
        closedAt: mine.closedAt,
        drawnAt: mine.closedAt,
        answer: null,
      });
      expect(c.drawValue).toBeCloseTo(mine.value, 12);
    }
    // Every closure is kept, drawn or not, so that the draw can be checked afterwards.
    const rows = await t.ds.query(`SELECT case_id, draw_value, share, drawn_at FROM callback_checks`);
    expect(rows).toHaveLength(21);
    for (const r of rows as Array<{ case_id: string; draw_value: number; drawn_at: Date | null }>)
      expect(r.drawn_at !== null).toBe(closures.find((c) => c.caseId === r.case_id)!.value < 0.3);
  });

  it('draws every closure at share 1 and none at share 0', async () => {
    await settings({ callbackSampleShare: 1 });
    for (const id of ['b1', 'b2']) {
      const c = await close(id, 'cb.a');
      expectDrawn(c, 'random', c.closedAt!);
      expect((await checkOf(c.id)).map((x) => x.reason)).toEqual(['random']);
    }
    await settings({ callbackSampleShare: 0 });
    for (const id of ['c1', 'c2']) expect(await checkOf((await close(id, 'cb.a')).id)).toEqual([]);
  });

  it('draws one closure per handler for a finished week through the queued job, once however often it runs', async () => {
    t.clock.setNow(at('2024-06-11T10:00:00+08:00'));
    await h.post([
      ...['w1', 'w2', 'w3'].map((id, i) => bad(id, `2024-06-11T09:0${i}:00+08:00`, 'd1')),
      bad('w4', '2024-06-11T09:10:00+08:00', 'd2'),
      bad('w5', '2024-06-11T09:11:00+08:00', 'd2'),
    ]);
    for (const id of ['w1', 'w2', 'w3']) await close(id, 'cb.a');
    t.clock.setNow(at('2024-06-12T15:00:00+08:00'));
    await close('w4', 'cb.c');
    await close('w5', 'admin-token');
    const weekB = closures.filter((c) => c.closedAt >= '2024-06-09T16:00:00.000Z');
    expect(weekB).toHaveLength(5);
    // Share 0: nothing drawn yet; the week is not over before Monday in the hall.
    t.clock.setNow(at('2024-06-16T23:50:00+08:00'));
    const service = t.app.get(CallbackWeeklyDrawService);
    expect(await service.drawWeeklyMinimum()).toEqual([]);

    const monday = at('2024-06-17T00:30:00+08:00');
    t.clock.setNow(monday);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.FollowUps));
    expect(await queue.getJobScheduler(CALLBACK_WEEKLY_DRAW_SCHEDULER)).toBeDefined();
    const job = await queue.add(CALLBACK_WEEKLY_DRAW, {});
    const done = await waitFor('the weekly draw job', async () => {
      const j = await queue.getJob(job.id!);
      return (await j?.getState()) === 'completed' ? j : null;
    });
    expect(done.returnvalue).toEqual({ drawn: 3 });

    const picks = modelWeeklyPicks(weekB, new Set());
    expect([...picks.keys()].sort()).toEqual(['admin-token', 'cb.a', 'cb.c']);
    const weekly = (await checks()).filter((c) => c.reason === 'weekly_minimum');
    expect(weekly.map((c) => [c.handler, c.caseId]).sort()).toEqual([...picks.values()].map((p) => [p.handler, p.caseId]).sort());
    for (const c of weekly) expect(new Date(c.drawnAt).getTime()).toBeGreaterThanOrEqual(monday.getTime());
    for (const p of picks.values())
      expectDrawn((await caseById(p.caseId)) as FollowUpCaseView, 'weekly_minimum', weekly.find((w) => w.caseId === p.caseId)!.drawnAt);
    // Week A's handler already had closures drawn at random: no minimum is added there.
    expect(weekly.every((c) => c.closedAt >= '2024-06-09T16:00:00.000Z')).toBe(true);
    // Two runs racing (two processes, or a repeated job) draw nothing more.
    expect(await Promise.all([service.drawWeeklyMinimum(), service.drawWeeklyMinimum()])).toEqual([[], []]);
    expect(await checks()).toHaveLength(model.size);
  });

  it('refuses the handler, and anyone who handled the case, as its verifier, and records the refusal', async () => {
    t.clock.setNow(at('2024-06-18T09:00:00+08:00'));
    const target = (await checks('pending')).find((c) => c.sourceId === 'b2')!;
    const own = await api<ErrorBody>(
      'POST',
      `/callback-checks/${target.id}/answer`,
      { answer: 'confirmed', note: '本人回访' },
      tokens['cb.a'],
    );
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/closed this case; someone other than the handler/);
    expect(await one(t.ds, `SELECT answer, verified_by FROM callback_checks WHERE id = $1`, [target.id])).toEqual({
      answer: null,
      verified_by: null,
    });
    expect(await auditCount(t.ds, 'callback.verify.refused', `actor = 'cb.a' AND target = $2`, [`callback-check:${target.id}`])).toBe(1);

    // cb.b called the citizen first; cb.a fixed and closed it. cb.b may not check that call.
    await settings({ callbackSampleShare: 1 });
    await h.post([bad('x1', '2024-06-18T08:00:00+08:00', 'd2')]);
    const x1 = await close('x1', 'cb.a', 'cb.b');
    expectDrawn(x1, 'random', x1.closedAt!);
    await settings({ callbackSampleShare: 0 });
    const [check] = await checkOf(x1.id);
    const contacted = await api<ErrorBody>(
      'POST',
      `/callback-checks/${check.id}/answer`,
      { answer: 'confirmed', note: '核实' },
      tokens['cb.b'],
    );
    expect(contacted.status).toBe(403);
    expect(contacted.body.message).toMatch(/recorded this case's contact/);
    expect(await auditCount(t.ds, 'callback.verify.refused', `actor = 'cb.b'`)).toBe(1);
    // The department that owned the case neither verifies it nor sees its citizen's number.
    const d1 = (await checks('pending')).find((c) => c.department === 'd1')!;
    for (const [method, path, body] of [
      ['POST', `/callback-checks/${d1.id}/answer`, { answer: 'confirmed', note: '本部门核实' }],
      ['POST', `/callback-checks/${d1.id}/phone`, undefined],
      ['GET', '/callback-checks', undefined],
    ] as const)
      expect([path, (await api(method, path, body, tokens['cb.d1'])).status]).toEqual([path, 403]);
    expect(await one(t.ds, `SELECT answer FROM callback_checks WHERE id = $1`, [d1.id])).toEqual({ answer: null });
    expect(await auditCount(t.ds, 'phone.reveal', `actor = 'cb.d1'`)).toBe(0);
    // A leader reads the list but calls nobody.
    expect((await api('GET', '/callback-checks', undefined, tokens['cb.lead'])).status).toBe(200);
    expect((await api('POST', `/callback-checks/${check.id}/answer`, { answer: 'confirmed', note: 'x' }, tokens['cb.lead'])).status).toBe(
      403,
    );
  });

  it('answers bad input with a 400 naming the field, and stores nothing', async () => {
    t.clock.setNow(at('2024-06-18T10:00:00+08:00'));
    const target = (await checks('pending')).find((c) => c.sourceId === 'b2')!;
    const cases: Array<[unknown, string]> = [
      [{ answer: 'maybe', note: 'x' }, 'answer'],
      [{ note: 'x' }, 'answer'],
      [{ answer: 'confirmed' }, 'note'],
      [{ answer: 'confirmed', note: '   ' }, 'note'],
      [{ answer: 'confirmed', note: 'x'.repeat(2001) }, 'note'],
      [{ answer: 'confirmed', note: 'x', calledAt: 'yesterday' }, 'calledAt'],
      [{ answer: 'confirmed', note: 'x', calledAt: '2024-06-18T11:00:00+08:00' }, 'calledAt'],
      [{ answer: 'confirmed', note: 'x', calledAt: '2024-06-01T10:00:00+08:00' }, 'calledAt'],
      [{ answer: 'confirmed', note: 'x', verifiedBy: 'cb.c' }, 'verifiedBy'],
    ];
    for (const [body, field] of cases) {
      const res = await api<ErrorBody>('POST', `/callback-checks/${target.id}/answer`, body, tokens['cb.b']);
      expect([JSON.stringify(body).slice(0, 60), res.status, res.body.field]).toEqual([JSON.stringify(body).slice(0, 60), 400, field]);
      expect(res.body.message).toContain(field);
    }
    expect(await one(t.ds, `SELECT answer, note, verified_at FROM callback_checks WHERE id = $1`, [target.id])).toEqual({
      answer: null,
      note: null,
      verified_at: null,
    });
    expect(await one(t.ds, `SELECT count(*)::int AS n FROM follow_up_actions WHERE kind = 'verification'`)).toEqual({ n: 0 });
    expect(await auditCount(t.ds, 'callback.verify')).toBe(0);
    const q = await api<ErrorBody>('GET', '/callback-checks?status=open');
    expect(q).toMatchObject({ status: 400, body: { field: 'status' } });
    expect(await api<ErrorBody>('GET', '/callback-checks/summary?month=2024-13')).toMatchObject({ status: 400, body: { field: 'month' } });
    expect(
      (
        await api(
          'POST',
          `/callback-checks/00000000-0000-4000-8000-000000000000/answer`,
          { answer: 'confirmed', note: 'x' },
          tokens['cb.b'],
        )
      ).status,
    ).toBe(404);
  });

  it('reveals the phone to the verifier, audited; "not contacted" reopens the case, marks it falsified and moves the figures and the wall', async () => {
    const target = (await checks('pending')).find((c) => c.sourceId === 'b1')!;
    expect(target).toMatchObject({ handler: 'cb.a', department: 'd1', kind: 'review', hasPhone: true });
    const reveal = await api<PhoneRevealView>('POST', `/callback-checks/${target.id}/phone`, undefined, tokens['cb.b']);
    expect(reveal.status).toBe(200);
    expect(reveal.body.phone).toBe('13900005550');
    expect(target.phoneMasked).toBe('139****5550');
    const revealed = await one<{ actor: string; target: string; details: Record<string, unknown> }>(
      t.ds,
      `SELECT actor, target, details FROM audit_log WHERE action = 'phone.reveal' AND id = $1`,
      [reveal.body.auditId],
    );
    expect(revealed).toMatchObject({ actor: 'cb.b', target: `follow-up:${target.caseId}`, details: { callbackCheck: target.id } });

    const before = await snapshot();
    await h.rollups.flushAll();
    const series = async () =>
      (await h.admin<TrendSeriesView>('GET', `/trends/series?site=${SITE}&from=2024-06-05&to=2024-06-05`)).body.totals;
    const rates = await series();

    const wall: Socket = io(`${t.url}/live`, { auth: { site: SITE, token: await t.displayToken(SITE) }, transports: ['websocket'] });
    await new Promise((resolve) => wall.once('snapshot', resolve));
    const pushed = new Promise<IndicatorUpdate>((resolve) =>
      wall.on('update', (u: IndicatorUpdate) => u.values['callbacks.falsified_rate'] === 1 && resolve(u)),
    );
    const res = await api<CallbackCheckView>(
      'POST',
      `/callback-checks/${target.id}/answer`,
      { answer: 'not_contacted', note: '群众表示至今无工作人员联系', calledAt: '2024-06-18T09:45:00+08:00' },
      tokens['cb.b'],
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      answer: 'not_contacted',
      verifiedBy: 'cb.b',
      calledAt: '2024-06-18T01:45:00.000Z',
      caseStatus: 'awaiting_contact',
    });
    model.get(target.caseId)!.answer = 'not_contacted';
    const update = await pushed;
    expect(update.departments.d1['callbacks.falsified_rate']).toBe(1);
    wall.close();

    const c = await caseById(target.caseId);
    expect(c).toMatchObject({
      status: 'awaiting_contact',
      firstContactAt: null,
      resolvedAt: null,
      closedAt: null,
      disproved: 'not_contacted',
      // New deadlines from the reopening on the working calendar: the next working day, then five.
      contactDueAt: '2024-06-19T16:00:00.000Z',
      resolveDueAt: '2024-06-25T16:00:00.000Z',
    });
    expect(new Date(c.reopenedAt!).getTime()).toBeGreaterThanOrEqual(at('2024-06-18T10:00:00+08:00').getTime());
    expect(c.actions!.filter((a) => a.kind === 'verification')).toEqual([
      expect.objectContaining({ actor: 'cb.b', outcome: false, note: expect.stringContaining('至今无工作人员联系') }),
    ]);
    // Its deadline jobs are queued afresh.
    await waitFor(
      'the reopened case scheduled',
      async () => (await one<{ s: Date | null }>(t.ds, `SELECT scheduled_at AS s FROM follow_up_cases WHERE id = $1`, [c.id])).s,
    );

    const after = await snapshot();
    expect(after.values['reviews.bad.open']).toBe((before.values['reviews.bad.open'] as number) + 1);
    expect(after.values['callbacks.falsified_rate']).toBe(1);
    const audit = await one<{ actor: string; details: Record<string, unknown> }>(
      t.ds,
      `SELECT actor, details FROM audit_log WHERE action = 'callback.verify' AND target = $1`,
      [`callback-check:${target.id}`],
    );
    expect(audit).toMatchObject({ actor: 'cb.b', details: { answer: 'not_contacted', handler: 'cb.a', department: 'd1', reopened: true } });
    // The review audit route reads it with the follow-up desk's other acts.
    const trail = (await api<ReviewAuditView[]>('GET', `/review-audit?subject=callback-check:${target.id}`)).body;
    expect(trail.map((a) => [a.action, a.actor])).toEqual([['callback.verify', 'cb.b']]);
    expect((await api('POST', `/callback-checks/${target.id}/answer`, { answer: 'confirmed', note: 'x' }, tokens['cb.c'])).status).toBe(
      409,
    );

    // The false closure no longer counts as closed on time, and stays due.
    await h.rollups.flushAll();
    expect(await series()).toMatchObject({ badDue: rates.badDue, badClosedOnTime: rates.badClosedOnTime - 1 });

    // Closed again, it is always checked again.
    const again = await close(c.sourceId, 'cb.a');
    expect(again.disproved).toBe('not_contacted');
    const recheck = (await checkOf(c.id)).find((k) => k.reason === 'recheck')!;
    expect(recheck).toMatchObject({ closedAt: again.closedAt, answer: null, handler: 'cb.a' });
    model.set(`${c.id}:recheck`, { department: 'd1', drawnAt: new Date(recheck.drawnAt), answer: null, reason: 'recheck' });
    await h.rollups.flushAll();
    expect(await series()).toMatchObject({ badDue: rates.badDue, badClosedOnTime: rates.badClosedOnTime - 1 });
  });

  it('"confirmed" leaves the case closed; "contacted but not solved" reopens it as unresolved', async () => {
    const pending = await checks('pending');
    // x1: department d2, closed by cb.a after cb.b's call; cb.c had no hand in it.
    const d2 = pending.find((c) => c.sourceId === 'x1')!;
    const res = await api<CallbackCheckView>(
      'POST',
      `/callback-checks/${d2.id}/answer`,
      { answer: 'confirmed', note: '群众确认已解决' },
      tokens['cb.c'],
    );
    expect(res.body).toMatchObject({ answer: 'confirmed', caseStatus: 'closed' });
    model.get(d2.caseId)!.answer = 'confirmed';
    const kept = await caseById(d2.caseId);
    expect(kept).toMatchObject({ status: 'closed', closedAt: d2.closedAt, disproved: null, reopenedAt: null });

    const other = pending.find((c) => c.reason === 'weekly_minimum' && c.handler === 'cb.c')!;
    const unsolved = await api<CallbackCheckView>(
      'POST',
      `/callback-checks/${other.id}/answer`,
      { answer: 'contacted_not_solved', note: '联系过，但仍需多次跑趟' },
      tokens['cb.b'],
    );
    expect(unsolved.body).toMatchObject({ answer: 'contacted_not_solved', caseStatus: 'in_progress' });
    model.get(other.caseId)!.answer = 'contacted_not_solved';
    const reopened = await caseById(other.caseId);
    expect(reopened).toMatchObject({ status: 'in_progress', disproved: 'contacted_not_solved', closedAt: null, resolvedAt: null });
    expect(reopened.firstContactAt).not.toBeNull();
  });

  it('counts each department of the month and computes the indicators as an independent recount does', async () => {
    const expected = [...model.values()];
    const summary = (await api<CallbackSummaryView>('GET', '/callback-checks/summary?month=2024-06')).body;
    const byDept = (d: string) => expected.filter((m) => m.department === d);
    for (const d of ['d1', 'd2']) {
      const row = summary.departments.find((x) => x.department === d)!;
      expect(row).toMatchObject({
        drawn: byDept(d).length,
        verified: byDept(d).filter((m) => m.answer).length,
        notContacted: byDept(d).filter((m) => m.answer === 'not_contacted').length,
        notSolved: byDept(d).filter((m) => m.answer === 'contacted_not_solved').length,
        confirmed: byDept(d).filter((m) => m.answer === 'confirmed').length,
      });
      expect(row.name).toEqual({ zh: d === 'd1' ? '部门1' : '部门2', en: d === 'd1' ? 'Dept 1' : 'Dept 2' });
    }
    expect(summary.total).toMatchObject({ drawn: expected.length, verified: 3, notContacted: 1, falsifiedRate: 1 / 3 });
    expect(summary.sampleShare).toBe(0);
    const may = (await api<CallbackSummaryView>('GET', '/callback-checks/summary?month=2024-05')).body;
    expect(may.total).toMatchObject({ drawn: 0, verifiedShare: null, falsifiedRate: null });
    expect(may.departments).toEqual([]);

    const snap = await snapshot();
    const ref = referenceIndicators([], new Date(snap.asOf), { departments: {}, windows: {}, staff: {} }, REF_SETTINGS, {}, expected);
    for (const id of ['callbacks.verified_share', 'callbacks.falsified_rate'] as const) {
      expect([id, snap.values[id]]).toEqual([id, ref.values[id]]);
      for (const d of ['d1', 'd2']) expect([id, d, snap.departments[d][id]]).toEqual([id, d, ref.departments[d][id]]);
    }
    expect(snap.values['callbacks.verified_share']).toBeCloseTo(3 / expected.length, 12);
  });

  it('lists what the desk needs: the case, the handler and what they recorded', async () => {
    const verified = await checks('verified');
    expect(verified.map((c) => c.answer).sort()).toEqual(['confirmed', 'contacted_not_solved', 'not_contacted']);
    const pending = await checks('pending');
    expect(pending.every((c) => c.answer === null)).toBe(true);
    const one1 = pending.find((c) => c.kind === 'complaint') ?? pending[0];
    expect(one1.resolution).toMatch(/^已解释、已解决/);
    expect(one1.confirmationNote).toBe('群众满意');
    expect(one1.departmentName).not.toBeNull();
    const d1Only = (await api<CallbackCheckListView>('GET', '/callback-checks?status=all&department=d1')).body.checks;
    expect(d1Only.every((c) => c.department === 'd1')).toBe(true);
  });

  it('runs the weekly draw in `hallwatch worker` too', async () => {
    t.clock.setNow(at('2024-07-02T10:00:00+08:00'));
    await h.post([bad('z1', '2024-07-02T09:00:00+08:00', 'd1')]);
    const z1 = await close('z1', 'cb.c');
    expect(await checkOf(z1.id)).toEqual([]);
    const workerConfig = Object.assign(new AppConfig(), t.config, { RUN_WORKERS: false });
    const clock = new Clock(workerConfig);
    clock.setNow(at('2024-07-08T00:30:00+08:00'));
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig, clock), { logger: false });
    expect(await worker.get(FollowUpsProcessor).process({ name: CALLBACK_WEEKLY_DRAW, data: {} } as Job)).toEqual({ drawn: 1 });
    expect((await checkOf(z1.id)).map((c) => [c.reason, c.handler])).toEqual([['weekly_minimum', 'cb.c']]);
  });
});

const REF_SETTINGS: RefSettings = {
  waitTargetSec: 900,
  tidalQueue: 10,
  allowedBreakSec: 900,
  surgeFactor: 2,
  surgeMinWaiting: 8,
  unattendedWindowSec: 900,
  windowImbalanceMax: 1,
  hours: { opens: '08:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] },
  lunchBreak: null,
};
