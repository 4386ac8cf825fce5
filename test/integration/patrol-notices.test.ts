import { IndicatorSnapshot, IngestResponse, PATROL_ALERT_KINDS, PatrolNoticeView } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { NoticeStepsService } from '../../server/src/modules/patrol/notice-steps.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { call, hall, MONDAY, ON_TIME_MS, patrolQueue, roundEvent, stepsOf, waitFor } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// 督查告知书: a finding's notice is reminded before its deadline and escalated after it by
// real BullMQ delayed jobs (the Clock set a moment before each), shows on the wall as
// alerts bearing on items 9 and 47, and is closed by the department's reply.

const ADMIN = 'test-admin-token-patrol-notices';
const SITE = 'pat3';
const R1 = `${MONDAY}-1`;
const DEADLINE = '2024-07-17T17:00:00+08:00';

describe('patrol notices', () => {
  let t: TestApp;
  let site: Site;
  const patrol = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(`${t.url}/api/v1/patrol/sites/${SITE}${path}`, method, ADMIN, body);
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(`${t.url}/api/v1/admin/sites/${SITE}/patrol${path}`, method, ADMIN, body);
  const snapshot = async () => (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body;
  const notice = async () => (await admin<PatrolNoticeView[]>('GET', '/notices?status=all')).body[0];
  const fireAt = async (at: Date) => {
    t.clock.setNow(new Date(at.getTime() - 700));
    await t.app.get(PatrolSync).syncSite(site);
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
    t.clock.setNow(hall(MONDAY, '08:55:00'));
    await admin('PUT', '/schedule', { enabled: true });
    t.clock.setNow(hall(MONDAY, '09:02:00'));
    const res = await patrol<IngestResponse>('POST', '/events', {
      events: [
        roundEvent('round.started', { round: R1, patroller: 'p' }, hall(MONDAY, '09:01:00')),
        roundEvent(
          'round.check',
          { round: R1, checkpoint: 'first-aid', result: 'finding', department: 'd2', severity: 'low', note: '药箱过期' },
          hall(MONDAY, '09:01:30'),
          'c-aid',
        ),
      ],
    });
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
  afterAll(async () => t.close());

  it('issues a notice with a reminder a day before the deadline, both as delayed jobs', async () => {
    const res = await patrol<PatrolNoticeView>('POST', '/notices', {
      id: 'notice-aid',
      check: 'c-aid',
      department: 'd2',
      deadline: DEADLINE,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ remindAt: '2024-07-16T09:00:00.000Z', deadline: '2024-07-17T09:00:00.000Z', items: [9, 24, 47] });
    const ids = (await patrolQueue(t.app).getDelayed()).map((j) => j.id ?? '').filter((id) => id.startsWith('notice.'));
    expect(ids.sort()).toEqual([
      `notice.${res.body.id}.overdue.${Date.parse(DEADLINE)}`,
      `notice.${res.body.id}.remind.${Date.parse('2024-07-16T09:00:00Z')}`,
    ]);
    expect((await snapshot()).values['patrol.findings.open']).toBe(1);
  });

  it('reminds before the deadline and escalates after it, once each, on time', async () => {
    await fireAt(new Date('2024-07-16T09:00:00Z'));
    await waitFor(notice, (n) => n.remindedAt !== null, 10_000, 'reminder');
    let snap = await snapshot();
    expect(snap.alerts.find((a) => a.kind === PATROL_ALERT_KINDS.noticeDueSoon)).toMatchObject({
      severity: 'warning',
      department: 'd2',
      items: [9, 47],
    });
    expect(snap.values['notices.overdue']).toBe(0);

    await fireAt(new Date(DEADLINE));
    await waitFor(notice, (n) => n.escalatedAt !== null, 10_000, 'escalation');
    snap = await snapshot();
    expect(snap.values['notices.overdue']).toBe(1);
    expect(snap.departments.d2['notices.overdue']).toBe(1);
    const overdue = snap.alerts.find((a) => a.kind === PATROL_ALERT_KINDS.noticeOverdue);
    expect(overdue).toMatchObject({ severity: 'breach', department: 'd2', items: [9, 47], since: '2024-07-17T09:00:00.000Z' });
    expect(overdue?.message.zh).toContain('部门2：督查告知书逾期未回复');
    expect(snap.alerts.some((a) => a.kind === PATROL_ALERT_KINDS.noticeDueSoon)).toBe(false);
    expect((await admin<PatrolNoticeView[]>('GET', '/notices?status=overdue')).body).toHaveLength(1);

    // Judged again, by the sweep and directly, nothing is recorded twice.
    await t.app.get(PatrolSync).syncSite(site);
    expect(await t.app.get(NoticeStepsService).advanceSite(site.id, t.clock.now())).toEqual([]);
    const steps = (await stepsOf(t.ds, SITE)).filter((s) => s.subject === 'notice');
    expect(steps.map((s) => s.step)).toEqual(['remind', 'overdue']);
    for (const s of steps) expect(s.late_ms).toBeLessThan(ON_TIME_MS);
  });

  it("closes on the department's reply, which resolves the finding and clears the alert", async () => {
    const n = await notice();
    const res = await admin<PatrolNoticeView>('POST', `/notices/${n.id}/reply`, {
      reply: '已更换药箱药品并建立月检制度',
      by: '部门2 王科长',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'closed', repliedBy: '部门2 王科长', overdue: false });
    expect((await admin('POST', `/notices/${n.id}/reply`, { reply: 'again' })).status).toBe(409);
    expect((await admin('POST', `/notices/not-a-uuid/reply`, { reply: 'x' })).status).toBe(404);
    expect((await admin('POST', `/notices/${n.id}/reply`, {})).status).toBe(400);
    const snap = await snapshot();
    expect(snap.values['notices.overdue']).toBe(0);
    expect(snap.values['patrol.findings.open']).toBe(0);
    expect(snap.alerts.filter((a) => a.kind.startsWith('notice.'))).toEqual([]);
    expect((await admin<PatrolNoticeView[]>('GET', '/notices?status=open')).body).toEqual([]);
    expect((await admin('GET', '/notices?status=bogus')).status).toBe(400);
  });

  it('a notice whose deadline passed while Redis was away is escalated by the catch-up, not reminded late', async () => {
    await patrol('POST', '/events', {
      events: [
        roundEvent(
          'round.check',
          { round: R1, checkpoint: 'nameplate', result: 'finding', department: 'd1' },
          hall(MONDAY, '09:04:00'),
          'c-plate',
        ),
      ],
    });
    t.clock.setNow(hall('2024-07-17', '18:00:00'));
    // Issued late (the phone was offline) with a deadline already past: escalated at once by the sync.
    const res = await patrol<PatrolNoticeView>('POST', '/notices', {
      id: 'notice-plate',
      check: 'c-plate',
      department: 'd1',
      deadline: '2024-07-16T17:00:00+08:00',
    });
    expect(res.status).toBe(201);
    await t.app.get(PatrolSync).syncSite(site);
    const plate = (await admin<PatrolNoticeView[]>('GET', '/notices?status=open')).body[0];
    expect(plate.escalatedAt).not.toBeNull();
    expect(plate.remindedAt).toBeNull();
  });
});
