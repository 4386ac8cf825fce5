import { IndicatorSnapshot, IngestResponse, PatrolRoundView, PatrolTodayView, RoundDoubt } from '@hallwatch/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { PatrolCheckpointCodeView } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { call, checkpointCodes, hall, MONDAY, roundEvent, walkedRound } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

// A round counts as done only when it was really walked (docs/contracts/patrol.md): started in
// its window, every checkpoint confirmed with the code posted there, and not faster than the
// site's minimum. Anything else is kept, shown 存疑 with its reason, and left out of
// patrol.rounds.done.

const ADMIN = 'test-admin-token-patrol-walk';
const PATROLLER = 'wang.walk';
const SUPERVISOR = 'zhao.walk';
const SITE = 'pwalk';
const TIMES = ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:00'];
const round = (slot: number) => `${MONDAY}-${slot}`;

describe('rounds that were really walked', () => {
  let t: TestApp;
  let site: Site;
  let codes: Record<string, string>;
  let token: string;

  const at = async (time: string) => {
    t.clock.setNow(hall(MONDAY, time));
    token = (await signIn(t.url, PATROLLER)).token;
    await t.app.get(PatrolSync).syncSite(site);
  };
  const post = async (events: unknown[]) => {
    const res = await call<IngestResponse>(`${t.url}/api/v1/patrol/sites/${SITE}/events`, 'POST', token, { events });
    expect(res.status).toBe(200);
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
  };
  const today = async () => (await call<PatrolTodayView>(`${t.url}/api/v1/patrol/sites/${SITE}/today`, 'GET', token)).body;
  const roundOf = async (slot: number): Promise<PatrolRoundView> => (await today()).rounds.find((r) => r.code === round(slot))!;
  const snapshot = async () => (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body;
  const done = async () => (await snapshot()).values['patrol.rounds.done'];
  const settings = (body: unknown) => call(`${t.url}/api/v1/admin/sites/${SITE}/settings`, 'PATCH', ADMIN, body);
  const reasons = (doubts: RoundDoubt[]) => doubts.map((d) => d.reason);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
    await makeUser(t, PATROLLER, 'patrol', [SITE]);
    await makeUser(t, SUPERVISOR, 'supervisor', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:00:00'));
    const put = await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true, times: TIMES });
    expect(put.status).toBe(200);
    codes = await checkpointCodes(t.url, SITE, ADMIN);
  });
  afterAll(async () => t?.close());

  it('gives every checkpoint its own unguessable code, shown to admins and supervisors but never to the phone page', async () => {
    expect(Object.keys(codes)).toHaveLength(8);
    for (const code of Object.values(codes)) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    expect(new Set(Object.values(codes)).size).toBe(8);
    const supervisor = (await signIn(t.url, SUPERVISOR)).token;
    expect(await checkpointCodes(t.url, SITE, supervisor)).toEqual(codes);
    await at('08:30:00');
    expect((await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoint-codes`, 'GET', token)).status).toBe(403);
    const page = JSON.stringify(await today());
    for (const code of Object.values(codes)) expect(page).not.toContain(code);
  });

  it("prints each checkpoint's QR code, and the code scans back from the image", async () => {
    const sheet = await call<PatrolCheckpointCodeView[]>(`${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoint-codes`, 'GET', ADMIN);
    expect(sheet.body).toHaveLength(8);
    for (const c of sheet.body) {
      expect(c.payload).toBe(`hallwatch:cp:${c.code}:${codes[c.code]}`);
      expect(c.qr.startsWith('data:image/png;base64,')).toBe(true);
      const png = PNG.sync.read(Buffer.from(c.qr.slice('data:image/png;base64,'.length), 'base64'));
      const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(read?.data).toBe(c.payload);
    }
  });

  it('keeps a round started before its window as 存疑, not done', async () => {
    // The window opens 15 minutes before 09:00; 08:40 is too early, however well the round was walked.
    await at('08:55:00');
    await post(walkedRound(round(1), codes, hall(MONDAY, '08:40:00'), { ids: 'early' }));
    const r = await roundOf(1);
    expect(r.state).toBe('doubtful');
    expect(r.doubts[0]).toEqual({
      reason: 'outside_window',
      opensAt: hall(MONDAY, '08:45:00').toISOString(),
      closesAt: hall(MONDAY, '09:30:00').toISOString(),
    });
    // The checks taken before 08:45 lie outside the window as well, and are named.
    expect(r.doubts[1]).toMatchObject({
      reason: 'check_outside_round',
      checkpoints: ['windows-staffed', 'nameplate', 'self-service-helper', 'back-office'],
    });
    expect(r.doubts).toHaveLength(2);
    expect(await done()).toBe(0);
  });

  it('keeps a round with a checkpoint never confirmed as 存疑, naming the checkpoint', async () => {
    await at('10:15:00');
    await post(
      walkedRound(round(2), codes, hall(MONDAY, '10:01:00'), { ids: 'gap', check: (cp, d) => (cp === 'archive-locked' ? null : d) }),
    );
    const r = await roundOf(2);
    expect(r.state).toBe('doubtful');
    expect(r.doubts).toEqual([{ reason: 'missing_checkpoint', checkpoints: ['archive-locked'] }]);
    expect(await done()).toBe(0);
  });

  it('keeps a round with a checkpoint confirmed by a wrong code as 存疑; the code is compared without regard to case', async () => {
    await at('11:15:00');
    await post(
      walkedRound(round(3), codes, hall(MONDAY, '11:01:00'), {
        ids: 'wrong',
        check: (cp, d) =>
          cp === 'nameplate' ? { ...d, code: 'AAAAAAAA' } : cp === 'first-aid' ? { ...d, code: codes[cp].toLowerCase() } : d,
      }),
    );
    const r = await roundOf(3);
    expect(r.state).toBe('doubtful');
    expect(r.doubts).toEqual([{ reason: 'wrong_code', checkpoints: ['nameplate'] }]);
    expect(r.checks.filter((c) => !c.confirmed).map((c) => c.checkpoint)).toEqual(['nameplate']);
    expect(await done()).toBe(0);
  });

  it('keeps a round walked faster than the minimum as 存疑, with its duration', async () => {
    await at('14:15:00');
    // Eight checkpoints 20 seconds apart: three minutes in all, under the default five.
    await post(walkedRound(round(4), codes, hall(MONDAY, '14:01:00'), { ids: 'quick', stepMs: 20_000 }));
    const r = await roundOf(4);
    expect(r.state).toBe('doubtful');
    expect(r.doubts).toEqual([{ reason: 'too_short', seconds: 180, minSeconds: 300 }]);
    expect(await done()).toBe(0);
  });

  it('counts a round really walked, even when the phone sends it offline, checks first and the rest after the deadline', async () => {
    const events = walkedRound(round(5), codes, hall(MONDAY, '14:50:00'), { ids: 'proper' });
    await at('15:20:00');
    await post(events.slice(1, -1));
    expect((await roundOf(5)).state).toBe('due');
    await at('16:10:00');
    await post([events[events.length - 1], events[0]]);
    const r = await roundOf(5);
    expect(r.state).toBe('done');
    expect(r.doubts).toEqual([]);
    expect(await done()).toBe(1);
    // The four rounds above were recorded as 存疑: the wall counts them apart, never as done.
    const doubtful = (await today()).rounds.filter((x) => x.state === 'doubtful').map((x) => x.code);
    expect(doubtful).toEqual([1, 2, 3, 4].map(round));
    expect((await snapshot()).values['patrol.rounds.doubtful']).toBe(4);
    // The rounds judged 存疑 raise no missed-round alert: they were recorded, just not counted.
    const [missed] = await t.ds.query(`SELECT count(*)::int AS n FROM patrol_rounds WHERE site_id = $1 AND state = 'missed'`, [site.id]);
    expect(missed.n).toBe(0);
  });

  it('judges by the site settings: a shorter minimum lets a quick round count; a rotated code no longer confirms', async () => {
    expect((await settings({ roundMinDurationSec: 120, roundWindowLeadMin: 30 })).status).toBe(200);
    // Rotated before the round is walked: the old code confirms nothing dated from now on.
    t.clock.setNow(hall(MONDAY, '15:30:00'));
    const rotated = await call<{ code: string; scanCode: string }>(
      `${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoints/nameplate/rotate-code`,
      'POST',
      ADMIN,
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.scanCode).not.toBe(codes.nameplate);
    await at('16:10:00');
    // The window now opens at 15:30; the old nameplate code is refused.
    await post(walkedRound(round(6), codes, hall(MONDAY, '15:35:00'), { ids: 'rotated', stepMs: 20_000 }));
    expect(reasons((await roundOf(6)).doubts)).toEqual(['wrong_code']);
    // The officer scans the new sheet: the confirmation arrives late, with its own time, and the round counts.
    await post([
      roundEvent(
        'round.check',
        { round: round(6), checkpoint: 'nameplate', result: 'ok', code: rotated.body.scanCode },
        hall(MONDAY, '15:36:00'),
      ),
    ]);
    expect((await roundOf(6)).state).toBe('done');
    expect(await done()).toBe(2);
    await settings({ roundMinDurationSec: null, roundWindowLeadMin: null });
  });

  it('keeps the round "started and completed at 01:37 in 0 seconds" 存疑 with every reason, uncounted, and in the audit log', async () => {
    await at('17:05:00');
    const before = await done();
    const trick = [
      roundEvent('round.started', { round: round(7), patroller: 'p' }, hall(MONDAY, '01:37:00'), 'trick-start'),
      roundEvent('round.completed', { round: round(7), patroller: 'p' }, hall(MONDAY, '01:37:00'), 'trick-done'),
    ];
    await post(trick);
    const r = await roundOf(7);
    expect(r.state).toBe('doubtful');
    expect(reasons(r.doubts)).toEqual(['outside_window', 'missing_checkpoint', 'too_short']);
    expect(r.doubts.find((d) => d.reason === 'too_short')).toMatchObject({ seconds: 0 });
    expect(r.startedAt).toBe(hall(MONDAY, '01:37:00').toISOString());
    expect(await done()).toBe(before);
    // The attempt is kept as sent, and audited under the account that sent it.
    const kept = await t.ds.query(`SELECT id FROM events WHERE site_id = $1 AND id = ANY($2) ORDER BY id`, [
      site.id,
      ['trick-done', 'trick-start'],
    ]);
    expect(kept).toHaveLength(2);
    const [entry] = await t.ds.query(
      `SELECT actor, target, details FROM audit_log WHERE action = 'patrol.round.doubtful' AND target = $1`,
      [`round:${round(7)}`],
    );
    expect(entry).toMatchObject({ actor: PATROLLER, details: { reasons: ['outside_window', 'missing_checkpoint', 'too_short'] } });
  });

  it('refuses settings and rotations that make no sense, naming the field or the checkpoint', async () => {
    for (const [field, value] of [
      ['roundWindowLeadMin', -1],
      ['roundWindowLeadMin', 121],
      ['roundWindowLeadMin', 2.5],
      ['roundMinDurationSec', 0],
      ['roundMinDurationSec', 3601],
      ['roundMinDurationSec', '300'],
    ] as const) {
      const res = await settings({ [field]: value });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ field });
      expect(String(res.body.message)).toContain(field);
    }
    const unknown = await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoints/no-such/rotate-code`, 'POST', ADMIN);
    expect(unknown.status).toBe(404);
    expect(String(unknown.body.message)).toContain('no-such');
    const supervisor = (await signIn(t.url, SUPERVISOR)).token;
    expect((await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoints/nameplate/rotate-code`, 'POST', supervisor)).status).toBe(
      403,
    );
    const got = await call<Record<string, unknown>>(`${t.url}/api/v1/admin/sites/${SITE}/settings`, 'GET', ADMIN);
    expect(got.body).toMatchObject({ roundWindowLeadMin: 15, roundMinDurationSec: 300 });
  });
});
