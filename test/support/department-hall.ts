import type { IngestResponse, PatrolFindingView } from '@hallwatch/shared';
import { call } from './accounts';
import { ev } from './factories';
import { hall, MONDAY, roundEvent } from './patrol';
import { postEvents } from './http';
import type { TestApp } from './test-app';

export const PHONE_D1 = '13911112222';
export const PHONE_D2 = '13733334444';

/**
 * Two departments' work at a site made with makeSite(…, 2), through the real API on the Monday:
 * a patrol round's finding at each (d1's confirmed as a 3-point violation), a notice to each,
 * bad reviews of each with the citizens' phones, and a 12345 complaint about d2.
 */
export async function seedTwoDepartments(t: TestApp, site: string, adminToken: string): Promise<void> {
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await call<Record<string, unknown>>(t.url, method, path, { token: adminToken, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const patrolPath = `/api/v1/admin/sites/${site}/patrol`;
  const round = `${MONDAY}-1`;
  t.clock.setNow(hall(MONDAY, '08:55:00'));
  await admin('PUT', `${patrolPath}/schedule`, { enabled: true });
  t.clock.setNow(hall(MONDAY, '09:05:00'));
  const walked = await admin('POST', `/api/v1/patrol/sites/${site}/events`, {
    events: [
      roundEvent('round.started', { round, patroller: 'p' }, hall(MONDAY, '09:01:00')),
      roundEvent(
        'round.check',
        { round, checkpoint: 'first-aid', result: 'finding', department: 'd1', severity: 'low', note: '一号部门药箱过期' },
        hall(MONDAY, '09:01:30'),
        'c-d1',
      ),
      roundEvent(
        'round.check',
        { round, checkpoint: 'back-office', result: 'finding', department: 'd2', severity: 'high', note: '二号部门后台受理' },
        hall(MONDAY, '09:02:30'),
        'c-d2',
      ),
    ],
  });
  const statuses = (walked.body as unknown as IngestResponse).results.map((r) => r.status);
  if (statuses.some((s) => s !== 'accepted')) throw new Error(`round not accepted: ${JSON.stringify(walked.body)}`);
  for (const d of ['d1', 'd2'])
    await admin('POST', `/api/v1/patrol/sites/${site}/notices`, {
      id: `n-${d}`,
      check: `c-${d}`,
      department: d,
      text: d === 'd1' ? '急救药箱过期，请三日内更换并回复' : '后台发现群众，请说明受审分离落实情况',
      deadline: '2024-07-17T17:00:00+08:00',
    });
  const findings = (await admin('GET', `${patrolPath}/findings?status=all`)).body as unknown as PatrolFindingView[];
  await admin('POST', `${patrolPath}/findings/${findings.find((f) => f.department === 'd1')!.id}/violation`, { points: 3 });

  t.clock.setNow(hall(MONDAY, '10:30:00'));
  const key = await t.deviceKey(site);
  const posted = await postEvents(t.url, key, {
    events: [
      ev(
        'review.submitted',
        { rating: 1, channel: 'pad', department: 'd1', window: 'w1', phone: PHONE_D1 },
        hall(MONDAY, '10:00:00'),
        'r-d1',
      ),
      ev('review.submitted', { rating: 2, channel: 'pad', department: 'd1', window: 'w2' }, hall(MONDAY, '10:01:00'), 'r-d1b'),
      ev(
        'review.submitted',
        { rating: 1, channel: 'pad', department: 'd2', window: 'w3', phone: PHONE_D2 },
        hall(MONDAY, '10:02:00'),
        'r-d2',
      ),
      ev('review.submitted', { rating: 2, channel: 'pad', department: 'd2', window: 'w4' }, hall(MONDAY, '10:02:30'), 'r-d2b'),
      ev(
        'complaint.received',
        { source: 'hotline_12345', summary: '二号部门态度差', department: 'd2', phone: '13755556666' },
        hall(MONDAY, '10:03:00'),
        'cp-d2',
      ),
    ],
  });
  if (posted.status !== 200 || posted.body.results?.some((r) => r.status !== 'accepted'))
    throw new Error(`reviews not accepted: ${JSON.stringify(posted.body)}`);
}
