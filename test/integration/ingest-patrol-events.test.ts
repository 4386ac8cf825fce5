import { IndicatorSnapshot, IngestResponse } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { makeUser, signIn } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { call, checkpointCodes, hall, MONDAY, roundEvent, roundsOf, walkedRound } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// A device key could post round.* events under any patroller's name and mark a round done that
// nobody walked. Rounds come only from a signed-in patrol account; a device batch carrying round
// events has those rejected one by one, and its other events stored.

const ADMIN = 'test-admin-token-patrol-from-devices';
const SITE = 'pdev';
const R1 = `${MONDAY}-1`;

describe('round events from a device key', () => {
  let t: TestApp;
  let key: string;
  const state = async (code: string) => (await roundsOf(t.ds, SITE)).find((r) => r.code === code)?.state;
  const done = async () =>
    (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body.values['patrol.rounds.done'];

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    const site = await makeSite(t.ds, SITE);
    await makeUser(t, 'li.patrol', 'patrol', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:55:00'));
    expect((await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true })).status).toBe(200);
    t.clock.setNow(hall(MONDAY, '09:20:00'));
    await t.app.get(PatrolSync).syncSite(site);
    key = await t.deviceKey(SITE);
  });
  afterAll(async () => t.close());

  it('rejects each round event with its reason, stores the rest of the batch, and leaves the round unwalked', async () => {
    const ticket = ev('ticket.issued', { ticket: 'A001', department: 'd1', channel: 'walk_in' }, hall(MONDAY, '09:10:00'), 'dev-ticket');
    const forged = [
      roundEvent('round.started', { round: R1, patroller: 'li.patrol' }, hall(MONDAY, '09:05:00'), 'dev-start'),
      roundEvent('round.check', { round: R1, checkpoint: 'nameplate', result: 'ok' }, hall(MONDAY, '09:06:00'), 'dev-check'),
      roundEvent('round.completed', { round: R1, patroller: 'li.patrol' }, hall(MONDAY, '09:07:00'), 'dev-done'),
    ];
    const res = await postEvents(t.url, key, { events: [forged[0], ticket, forged[1], forged[2]] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => `${r.id} ${r.status}`)).toEqual([
      'dev-start rejected',
      'dev-ticket accepted',
      'dev-check rejected',
      'dev-done rejected',
    ]);
    for (const r of res.body.results.filter((x) => x.status === 'rejected')) {
      expect(r).toMatchObject({ field: 'type' });
      expect(r.status === 'rejected' && r.reason).toMatch(/signed-in patrol account/);
    }
    const stored: Array<{ id: string }> = await t.ds.query(`SELECT id FROM events ORDER BY id`);
    expect(stored.map((r) => r.id)).toEqual(['dev-ticket']);
    expect(await state(R1)).toBe('due');
    expect(await done()).toBe(0);

    // The same round walked by the patrol account, every checkpoint confirmed with its code, is done.
    const patrolToken = (await signIn(t.url, 'li.patrol')).token;
    const events = walkedRound(R1, await checkpointCodes(t.url, SITE, ADMIN), hall(MONDAY, '09:05:00'), { ids: 'ph', patroller: 'x' });
    const walked = await call<IngestResponse>(`${t.url}/api/v1/patrol/sites/${SITE}/events`, 'POST', patrolToken, { events });
    expect(walked.body.results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
    expect(await state(R1)).toBe('done');
    expect(await done()).toBe(1);
  });

  it('rejects on its own a patrol event whose round holds text the database cannot store', async () => {
    const patrolToken = (await signIn(t.url, 'li.patrol')).token;
    const body = `{"events":[{"id":"ph-nul","type":"round.check","occurredAt":"${hall(MONDAY, '09:16:00').toISOString()}","data":{"round":"r\\u0000","checkpoint":"nameplate","result":"ok"}},{"id":"ph-ok","type":"round.check","occurredAt":"${hall(MONDAY, '09:16:00').toISOString()}","data":{"round":"${R1}","checkpoint":"nameplate","result":"ok"}}]}`;
    const res = await fetch(`${t.url}/api/v1/patrol/sites/${SITE}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patrolToken}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as IngestResponse;
    expect(results.map((r) => `${r.id} ${r.status}`)).toEqual(['ph-nul rejected', 'ph-ok accepted']);
    expect(results[0]).toMatchObject({ field: 'data.round' });
  });
});
