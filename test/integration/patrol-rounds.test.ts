import { IndicatorSnapshot, IngestResponse, PatrolFindingView, PatrolNoticeView, PatrolTodayView } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { bearer, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { call, checkpointCodes, hall, MONDAY, roundEvent, roundsOf, walkedRound } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// The patrol API the phone page uses: round events go into `events` under the page's ids and
// into the patrol tables, once each however often they are sent and in whatever order;
// photos are checked by their bytes; notices and violations are idempotent.

const ADMIN = 'test-admin-token-patrol-rounds';
const PATROLLER = 'zhang.patrol';
const SITE = 'pat2';
const R1 = `${MONDAY}-1`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('patrol rounds API', () => {
  let t: TestApp;
  let site: Site;
  let codes: Record<string, string>;
  // The patroller's session; signed in again whenever the test moves the clock past the idle timeout.
  let PATROL: string;
  const walkTo = async (time: string) => {
    t.clock.setNow(hall(MONDAY, time));
    PATROL = (await signIn(t.url, PATROLLER)).token;
  };
  const patrol = <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token: string | null = PATROL,
    type?: string,
  ) => call<T>(`${t.url}/api/v1/patrol/sites/${SITE}${path}`, method, token, body, type);
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(`${t.url}/api/v1/admin/sites/${SITE}/patrol${path}`, method, ADMIN, body);
  const values = async () => (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body;
  const state = async (code: string) => (await roundsOf(t.ds, SITE)).find((r) => r.code === code)?.state;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
    await makeUser(t, PATROLLER, 'patrol', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:55:00'));
    expect((await admin('PUT', '/schedule', { enabled: true })).status).toBe(200);
    await walkTo('09:02:00');
    await t.app.get(PatrolSync).syncSite(site);
    codes = await checkpointCodes(t.url, SITE, ADMIN);
  });
  afterAll(async () => t.close());

  it("serves today's rounds, checklist and departments to patrol staff, supervisors and admins only", async () => {
    expect((await patrol('GET', '/today', undefined, null)).status).toBe(401);
    expect((await patrol('GET', '/today', undefined, 'not-the-token-at-all')).status).toBe(401);
    expect((await patrol('GET', '/today', undefined, ADMIN)).status).toBe(200);
    expect((await patrol('GET', '/today', undefined, await t.displayToken(SITE))).status).toBe(403);
    const today = await patrol<PatrolTodayView>('GET', '/today');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ day: MONDAY, enabled: true, workingDay: true, utcOffsetMinutes: 480 });
    expect(today.body.serverTime).toBe(t.clock.now().toISOString().slice(0, 16) + today.body.serverTime.slice(16));
    expect(today.body.rounds.map((r) => `${r.code} ${r.time} ${r.state}`)).toEqual([
      `${R1} 09:00 due`,
      `${MONDAY}-2 11:00 scheduled`,
      `${MONDAY}-3 14:30 scheduled`,
      `${MONDAY}-4 16:30 scheduled`,
    ]);
    expect(today.body.checkpoints).toHaveLength(8);
    expect(today.body.departments.map((d) => d.code)).toEqual(['d1', 'd2']);
  });

  it('completes a round with one finding; a resend is all duplicates; the events table holds each id once', async () => {
    const cps = (await patrol<PatrolTodayView>('GET', '/today')).body.checkpoints.map((c) => c.code);
    expect(Object.keys(codes)).toEqual(cps);
    // Walked as the rules want: started in its window, each checkpoint confirmed with its code, a minute apart.
    const batch = walkedRound(R1, codes, hall(MONDAY, '09:03:00'), {
      ids: 'r1',
      patroller: '张巡查',
      check: (cp, d) =>
        cp === 'back-office' ? { ...d, result: 'finding', department: 'd1', severity: 'high', note: '后台审批科有办事群众' } : d,
    });
    await walkTo('09:12:00');
    const first = await patrol<IngestResponse>('POST', '/events', { events: batch });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(batch.map(() => 'accepted'));
    const again = await patrol<IngestResponse>('POST', '/events', { events: batch });
    expect(again.body.results.map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));

    const stored: Array<{ n: number }> = await t.ds.query(`SELECT count(*)::int AS n FROM events WHERE site_id = $1 AND id = ANY($2)`, [
      site.id,
      batch.map((e) => e.id),
    ]);
    expect(stored[0].n).toBe(batch.length);
    expect(await state(R1)).toBe('done');
    // Whatever name the phone put in, the round was walked by the account that sent it.
    const [walked] = await t.ds.query(`SELECT started_by, completed_by FROM patrol_rounds WHERE site_id = $1 AND code = $2`, [site.id, R1]);
    expect(walked).toEqual({ started_by: PATROLLER, completed_by: PATROLLER });
    const [sent] = await t.ds.query(`SELECT data->>'patroller' AS p FROM events WHERE site_id = $1 AND id = 'r1-start'`, [site.id]);
    expect(sent.p).toBe(PATROLLER);
    const checks: Array<{ n: number }> = await t.ds.query(`SELECT count(*)::int AS n FROM patrol_checks WHERE site_id = $1`, [site.id]);
    expect(checks[0].n).toBe(cps.length);
    const snap = await values();
    expect(snap.values['patrol.rounds.done']).toBe(1);
    expect(snap.values['patrol.rounds.due']).toBe(1);
    expect(snap.values['patrol.findings.open']).toBe(1);
    expect(snap.departments.d1['patrol.findings.open']).toBe(1);
    const findings = await admin<PatrolFindingView[]>('GET', '/findings');
    expect(findings.body).toEqual([
      expect.objectContaining({
        checkEventId: 'r1-check-back-office',
        round: R1,
        checkpoint: 'back-office',
        items: [19],
        department: 'd1',
        severity: 'high',
      }),
    ]);
  });

  it('refuses what is not a round of this site, with a reason per event', async () => {
    const res = await patrol<IngestResponse>('POST', '/events', {
      events: [
        roundEvent('round.started', { round: '1999-01-01-1', patroller: 'p' }, t.clock.now(), 'bad-round'),
        roundEvent('ticket.issued', { ticket: 'A1', department: 'd1', channel: 'walk_in' }, t.clock.now(), 'bad-type'),
        roundEvent('round.check', { round: R1, checkpoint: 'nameplate', result: 'maybe' }, t.clock.now(), 'bad-result'),
      ],
    });
    expect(res.body.results).toEqual([
      expect.objectContaining({ id: 'bad-round', status: 'rejected', field: 'data.round' }),
      expect.objectContaining({ id: 'bad-type', status: 'rejected', field: 'type' }),
      expect.objectContaining({ id: 'bad-result', status: 'rejected', field: 'data.result' }),
    ]);
    expect((await patrol('POST', '/events', { events: [] })).status).toBe(400);
  });

  it('judges a round by when it was walked, whatever order and whenever the records arrive', async () => {
    const r2 = `${MONDAY}-2`;
    await walkTo('12:30:00');
    await t.app.get(PatrolSync).syncSite(site);
    expect(await state(r2)).toBe('missed');
    // The phone was offline: the checks and completion arrive first, the start later, all after the deadline.
    const walk = walkedRound(r2, codes, hall(MONDAY, '11:10:00'), { patroller: 'p2' });
    await patrol('POST', '/events', { events: walk.slice(1) });
    await patrol('POST', '/events', { events: walk.slice(0, 1) });
    expect(await state(r2)).toBe('done');
    expect((await values()).values['patrol.rounds.done']).toBe(2);
  });

  it('refuses round events sent with a device key, and projects ones stored before projection existed', async () => {
    const r3 = `${MONDAY}-3`;
    await walkTo('14:35:00');
    const key = await t.deviceKey(SITE);
    const res = await postEvents(t.url, key, roundEvent('round.started', { round: r3, patroller: 'dev' }, hall(MONDAY, '14:31:00')));
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', field: 'type' });
    expect(await state(r3)).toBe('scheduled');
    await patrol('POST', '/events', { events: [roundEvent('round.started', { round: r3, patroller: 'p' }, hall(MONDAY, '14:31:00'))] });
    expect(await state(r3)).toBe('in_progress');
    await patrol('POST', '/events', { events: walkedRound(r3, codes, hall(MONDAY, '14:31:00')).slice(1, -1) });
    // A completion stored without projection (as if posted before the patrol module ran): the sync catches up, once.
    await t.ds.query(
      `INSERT INTO events (site_id, id, type, occurred_at, service_day, data) VALUES ($1, 'legacy-done', 'round.completed', $2, $3, $4)`,
      [site.id, hall(MONDAY, '14:50:00'), MONDAY, JSON.stringify({ round: r3, patroller: 'dev' })],
    );
    await t.app.get(PatrolSync).syncSite(site);
    await t.app.get(PatrolSync).syncSite(site);
    expect(await state(r3)).toBe('done');
    const applied: Array<{ n: number }> = await t.ds.query(
      `SELECT count(*)::int AS n FROM patrol_applied_events WHERE event_id = 'legacy-done'`,
    );
    expect(applied[0].n).toBe(1);
  });

  it('stores a finding photo once, checked by its bytes and size', async () => {
    const path = '/photos/r1-check-back-office';
    expect((await patrol('PUT', path, PNG, PATROL, 'image/png')).status).toBe(201);
    expect((await patrol('PUT', path, PNG, PATROL, 'image/png')).status).toBe(200);
    const gif = await patrol<{ message: string }>('PUT', path, Buffer.from('GIF89a....'), PATROL, 'image/jpeg');
    expect(gif.status).toBe(415);
    expect(gif.body.message).toMatch(/JPEG, PNG or WebP/);
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await patrol('PUT', path, big, PATROL, 'image/png')).status).toBe(413);
    expect((await patrol('PUT', '/photos/no-such-check', PNG, PATROL, 'image/png')).status).toBe(409);
    const got = await fetch(`${t.url}/api/v1/patrol/sites/${SITE}${path}`, { headers: bearer(PATROL) });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await admin<PatrolFindingView[]>('GET', '/findings')).body[0].hasPhoto).toBe(true);
  });

  it('issues a notice once per id and once per finding', async () => {
    const input = { id: 'n-1', check: 'r1-check-back-office', department: 'd1', deadline: '2024-07-17T17:00:00+08:00', text: '请立即整改' };
    const first = await patrol<PatrolNoticeView>('POST', '/notices', input);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ clientId: 'n-1', department: 'd1', status: 'open', items: [9, 19, 47], issuedBy: PATROLLER });
    const again = await patrol<PatrolNoticeView>('POST', '/notices', input);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await patrol('POST', '/notices', { ...input, id: 'n-2' })).status).toBe(409);
    expect((await patrol('POST', '/notices', { ...input, id: 'n-3', check: 'nope' })).status).toBe(409);
    expect((await patrol('POST', '/notices', { ...input, id: 'n-4', deadline: 'tomorrow' })).status).toBe(400);
    expect((await patrol('POST', '/notices', { ...input, id: 'n-5', deadline: '2024-07-15T08:00:00+08:00' })).status).toBe(400);
    const open = await admin<PatrolNoticeView[]>('GET', '/notices?status=open');
    expect(open.body.map((n) => n.clientId)).toEqual(['n-1']);
  });

  it("deducts a confirmed violation's points from the department's month, once", async () => {
    const [finding] = (await admin<PatrolFindingView[]>('GET', '/findings')).body;
    const confirmed = await admin('POST', `/findings/${finding.id}/violation`, { reason: '受审分离' });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ department: 'd1', month: '2024-07', points: 2, items: [19] });
    expect((await admin('POST', `/findings/${finding.id}/violation`, {})).status).toBe(409);
    expect((await admin('GET', '/deductions?from=2024-07&to=2024-07')).body).toEqual([
      { month: '2024-07', department: 'd1', departmentName: '部门1', points: 2, count: 1 },
    ]);
    expect(((await admin<unknown[]>('GET', '/deductions/2024-07')).body as unknown[]).length).toBe(1);
    expect((await admin('GET', '/deductions?from=2024-7&to=2024-07')).status).toBe(400);
  });
});
