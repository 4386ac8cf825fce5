import { FOLLOW_UP_ALERT_KINDS, IndicatorSnapshot, QueueName, TrendSeriesView } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { getJson } from '../support/http';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness, waitFor } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// Deadlines are BullMQ delayed jobs: the reminder on the morning of the last day, the
// escalation at the deadline. The clock is the business clock tests can move; one
// escalation below really waits in Redis for its delay to run out.
describe('follow-up reminders and escalations', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  const friday = new Date('2024-06-14T10:00:00+08:00');
  const contactDue = new Date('2024-06-17T16:00:00Z'); // end of Monday, hall time
  const resolveDue = new Date('2024-06-21T16:00:00Z'); // end of Friday the week after
  const snapshot = async () => (await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/esc/indicators`, bearer(REVIEWS_ADMIN_TOKEN))).body;
  const actions = async (source: string) =>
    (await t.ds.query(
      `SELECT a.kind, a.step FROM follow_up_actions a JOIN follow_up_cases c ON c.id = a.case_id WHERE c.source_id = $1 ORDER BY a.at, a.kind`,
      [source],
    )) as Array<{ kind: string; step: string | null }>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    await makeSite(t.ds, 'esc');
    h = await reviewsHarness(t, 'esc');
    // Eight seconds before the first-contact deadline: the escalation job is queued with a real delay.
    t.clock.setNow(new Date(contactDue.getTime() - 8_000));
    await h.post([
      ev(
        'review.submitted',
        { rating: 1, channel: 'pad', department: 'd1', window: 'w1', realName: true, phone: '13811112222' },
        friday,
        'late',
      ),
      ev('review.submitted', { rating: 2, channel: 'pad', department: 'd1', window: 'w2' }, friday, 'prompt'),
      ev('complaint.received', { source: 'onsite', summary: '叫号屏不显示', department: 'd2' }, friday, 'cmp'),
    ]);
  });
  afterAll(async () => t.close());

  it('closes a case before its deadline, and its jobs then do nothing', async () => {
    const c = await h.caseOf('prompt');
    for (const [step, body] of [
      ['contact', { reached: true, note: '已致电' }],
      ['resolution', { note: '已调整窗口引导' }],
      ['confirmation', { satisfied: true }],
    ] as const)
      expect((await h.admin('POST', `/sites/esc/follow-ups/${c.id}/${step}`, body)).status).toBe(200);
    const closed = await h.caseOf('prompt');
    expect(closed.status).toBe('closed');
    expect(await one(t.ds, `SELECT follow_up_open FROM reviews WHERE event_id = 'prompt'`)).toEqual({ follow_up_open: false });
    expect(await h.deadlines.handle({ caseId: c.id, step: 'resolve', phase: 'escalate' })).toBe('done');
  });

  it('escalates a missed first contact through a real delayed job, and the wall shows it', async () => {
    const c = await h.caseOf('late');
    // The reminder's time (09:00 on Monday) has passed: it ran at once; the escalation waits.
    await waitFor('the reminder', async () => (await actions('late')).some((a) => a.kind === 'reminder'));
    expect((await h.caseOf('late')).contactOverdueAt).toBeNull();
    const queue = t.app.get<Queue>(getQueueToken(QueueName.FollowUps));
    const jobId = `fu.${c.id}.contact.escalate.${contactDue.getTime()}`;
    const queued = await queue.getJob(jobId);
    expect(queued?.opts.delay).toBeGreaterThan(1_000);

    const overdue = await waitFor('the escalation', async () => (await h.caseOf('late')).contactOverdueAt, 20_000);
    expect(overdue).toBe(contactDue.toISOString());
    const done = await queue.getJob(jobId);
    expect(await done?.getState()).toBe('completed');
    expect(done!.processedOn! - done!.timestamp).toBeGreaterThanOrEqual(done!.opts.delay! - 50);
    const escalation = await one<{ at: Date }>(t.ds, `SELECT at FROM follow_up_actions WHERE kind = 'escalation' AND step = 'contact'`);
    expect(new Date(escalation.at).getTime()).toBeGreaterThanOrEqual(contactDue.getTime());

    const alerts = (await snapshot()).alerts.filter((a) => a.kind.startsWith('followup.'));
    expect(alerts.map((a) => [a.kind, a.department, a.severity]).sort()).toEqual(
      [
        [FOLLOW_UP_ALERT_KINDS.overdue, 'd1', 'breach'],
        [FOLLOW_UP_ALERT_KINDS.callback, 'd1', 'breach'],
        // The complaint's first contact was due at the same moment.
        [FOLLOW_UP_ALERT_KINDS.overdue, 'd2', 'breach'],
      ].sort(),
    );
    expect(alerts.find((a) => a.kind === FOLLOW_UP_ALERT_KINDS.callback)!.message.zh).toContain('实名差评 1 件');
  });

  it('escalates a missed fix once, however often the sweep or the job runs', async () => {
    t.clock.setNow(new Date(resolveDue.getTime() + 3_600_000));
    expect(await h.deadlines.escalateMissed()).toBe(2); // the bad review and the complaint
    expect(await h.deadlines.escalateMissed()).toBe(0);
    const c = await h.caseOf('late');
    expect(await h.deadlines.handle({ caseId: c.id, step: 'resolve', phase: 'escalate' })).toBe('already');
    expect(c.resolveOverdueAt).toBe(resolveDue.toISOString());
    expect((await actions('late')).filter((a) => a.kind === 'escalation')).toEqual([
      { kind: 'escalation', step: 'contact' },
      { kind: 'escalation', step: 'resolve' },
    ]);
  });

  it('counts the late case as due and not closed in time, and clears the wall once it is closed', async () => {
    await h.rollups.flushAll();
    const series = async () => (await h.admin<TrendSeriesView>('GET', '/trends/series?site=esc&from=2024-06-14&to=2024-06-14')).body.totals;
    expect(await series()).toMatchObject({
      bad: 2,
      badDue: 2,
      badClosedOnTime: 1,
      realNameBad: 1,
      callbackDue: 1,
      callbackDone: 0,
      complaints: 1,
      complaintsDue: 1,
    });
    expect((await snapshot()).values['reviews.bad.open']).toBe(1);
    expect((await snapshot()).values['complaints.open']).toBe(1);

    for (const source of ['late', 'cmp']) {
      const c = await h.caseOf(source);
      await h.admin('POST', `/sites/esc/follow-ups/${c.id}/contact`, { reached: false, note: '无人接听' });
      expect((await h.caseOf(source)).firstContactAt).toBeNull();
      await h.admin('POST', `/sites/esc/follow-ups/${c.id}/contact`, { reached: true });
      await h.admin('POST', `/sites/esc/follow-ups/${c.id}/resolution`, { note: '已整改' });
      expect((await h.admin('POST', `/sites/esc/follow-ups/${c.id}/confirmation`, { satisfied: false })).status).toBe(200);
      expect((await h.admin('POST', `/sites/esc/follow-ups/${c.id}/contact`, { reached: true })).status).toBe(409);
    }
    const snap = await snapshot();
    expect(snap.values['reviews.bad.open']).toBe(0);
    expect(snap.values['complaints.open']).toBe(0);
    expect(snap.alerts.filter((a) => a.kind.startsWith('followup.'))).toEqual([]);
    await h.rollups.flushAll();
    // Closed, but after the deadline: still not "closed within deadline".
    expect(await series()).toMatchObject({
      badDue: 2,
      badClosedOnTime: 1,
      callbackDue: 1,
      callbackDone: 1,
      complaintsDue: 1,
      complaintsClosedOnTime: 0,
    });
  });
});
