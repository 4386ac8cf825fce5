import { IndicatorSnapshot, IngestResponse, PatrolRoundView, PatrolTodayView, RoundDoubt } from '@hallwatch/shared';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { call, checkpointCodes, hall, MONDAY, roundEvent, walkedRound } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

// Two rules of docs/contracts/patrol.md that offline phones put to the test: a check counts only
// when its own time lies within the walk (between the round's start and completion, inside its
// window), and a rotated checkpoint code still confirms checks dated before the rotation, which
// a phone offline at the time sends later, but nothing dated after it. Each attempt is kept and
// audited.

const ADMIN = 'test-admin-token-walk-proof';
const PATROLLER = 'qian.proof';
const SITE = 'pproof';
const TIMES = ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'];
const round = (slot: number) => `${MONDAY}-${slot}`;

interface AuditRow {
  actor: string;
  action: string;
  target: string;
  site: string;
  details: Record<string, unknown>;
}

describe('checks taken on the walk, and codes rotated while a phone was offline', () => {
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
  const roundOf = async (slot: number): Promise<PatrolRoundView> =>
    (await call<PatrolTodayView>(`${t.url}/api/v1/patrol/sites/${SITE}/today`, 'GET', token)).body.rounds.find(
      (r) => r.code === round(slot),
    )!;
  const values = async () => (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body.values;
  const reasons = (doubts: RoundDoubt[]) => doubts.map((d) => d.reason);
  const rotate = async (checkpoint: string) => {
    const res = await call<{ scanCode: string }>(
      `${t.url}/api/v1/admin/sites/${SITE}/patrol/checkpoints/${checkpoint}/rotate-code`,
      'POST',
      ADMIN,
    );
    expect(res.status).toBe(200);
    return res.body.scanCode;
  };
  const check = (slot: number, checkpoint: string, code: string, time: string, id: string) =>
    roundEvent('round.check', { round: round(slot), checkpoint, result: 'ok', code }, hall(MONDAY, time), id);
  const confirmedOf = async (eventId: string): Promise<boolean> => {
    const [row] = await t.ds.query(`SELECT confirmed FROM patrol_checks WHERE site_id = $1 AND event_id = $2`, [site.id, eventId]);
    return row.confirmed;
  };
  const audit = async (action: string): Promise<AuditRow[]> =>
    t.ds.query(`SELECT actor, action, target, site, details FROM audit_log WHERE action = $1 AND site = $2 ORDER BY id`, [action, SITE]);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
    await makeUser(t, PATROLLER, 'patrol', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:00:00'));
    const put = await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true, times: TIMES });
    expect(put.status).toBe(200);
    codes = await checkpointCodes(t.url, SITE, ADMIN);
  });
  afterAll(async () => t?.close());

  it('holds a round 存疑 when a check is dated before its start, naming the check and its time; the check is kept', async () => {
    await at('09:15:00');
    // Walked properly from 08:50, but the nameplate's code was also entered at 08:48, before the round began.
    const early = check(1, 'nameplate', codes.nameplate, '08:48:00', 'before-start');
    await post([...walkedRound(round(1), codes, hall(MONDAY, '08:50:00'), { ids: 'r1' }), early]);
    const r = await roundOf(1);
    expect(r.state).toBe('doubtful');
    expect(r.doubts).toEqual([
      {
        reason: 'check_outside_round',
        checkpoints: ['nameplate'],
        checks: [{ checkpoint: 'nameplate', at: hall(MONDAY, '08:48:00').toISOString() }],
        from: hall(MONDAY, '08:50:00').toISOString(),
        to: hall(MONDAY, '08:59:00').toISOString(),
      },
    ]);
    expect(r.checks.map((c) => c.eventId)).toContain('before-start');
    expect((await values())['patrol.rounds.done']).toBe(0);
    // The attempt is in the audit log, under the account that sent it, with its reason.
    const [entry] = await audit('patrol.round.doubtful');
    expect(entry).toMatchObject({ actor: PATROLLER, target: `round:${round(1)}`, site: SITE });
    expect(entry.details).toMatchObject({ state: 'doubtful', reasons: ['check_outside_round'], completedBy: PATROLLER });
  });

  it('judges an offline check when it arrives: dated inside the walk it changes nothing, dated after the completion it turns a done round 存疑', async () => {
    await at('10:05:00');
    await post(walkedRound(round(2), codes, hall(MONDAY, '09:50:00'), { ids: 'r2' }));
    expect((await roundOf(2)).state).toBe('done');
    expect((await values())['patrol.rounds.done']).toBe(1);

    // A phone that was offline sends two more checks twenty minutes later, each dated as it was taken.
    await at('10:20:00');
    await post([check(2, 'first-aid', codes['first-aid'], '09:55:30', 'inside')]);
    expect((await roundOf(2)).state).toBe('done');
    await post([check(2, 'first-aid', codes['first-aid'], '10:01:00', 'after-completion')]);
    const r = await roundOf(2);
    expect(r.state).toBe('doubtful');
    expect(r.doubts).toEqual([
      {
        reason: 'check_outside_round',
        checkpoints: ['first-aid'],
        checks: [{ checkpoint: 'first-aid', at: hall(MONDAY, '10:01:00').toISOString() }],
        from: hall(MONDAY, '09:50:00').toISOString(),
        to: hall(MONDAY, '09:59:00').toISOString(),
      },
    ]);
    const v = await values();
    expect(v['patrol.rounds.done']).toBe(0);
    expect(v['patrol.rounds.doubtful']).toBe(2);
    expect((await audit('patrol.round.doubtful')).map((e) => e.target)).toEqual([`round:${round(1)}`, `round:${round(2)}`]);
  });

  it('counts checks typed from the old sheet by a phone offline when the code was rotated, dated before the rotation', async () => {
    const walk = walkedRound(round(3), codes, hall(MONDAY, '10:50:00'), { ids: 'r3' });
    const nameplateAt = Date.parse(walk.find((e) => e.id === 'r3-check-nameplate')!.occurredAt);
    // The admin rotates the nameplate's code half a minute after the officer typed the old one, while the phone is offline.
    t.clock.setNow(new Date(nameplateAt + 30_000));
    const newCode = await rotate('nameplate');
    expect(newCode).not.toBe(codes.nameplate);
    await at('11:10:00');
    await post(walk);
    const r = await roundOf(3);
    expect(r.state).toBe('done');
    expect(r.doubts).toEqual([]);
    expect(await confirmedOf('r3-check-nameplate')).toBe(true);
    // The new code did not exist before the rotation: a check dated before it confirms nothing (and, beside the right one, harms nothing).
    await post([check(3, 'nameplate', newCode, '10:51:00', 'new-before-rotation')]);
    expect(await confirmedOf('new-before-rotation')).toBe(false);
    expect((await roundOf(3)).state).toBe('done');
    expect((await values())['patrol.rounds.done']).toBe(1);

    // The old code, perhaps photographed, confirms nothing dated after the rotation.
    await at('14:15:00');
    await post(walkedRound(round(4), codes, hall(MONDAY, '13:50:00'), { ids: 'r4' }));
    expect((await roundOf(4)).doubts).toEqual([{ reason: 'wrong_code', checkpoints: ['nameplate'] }]);
    await post([check(4, 'nameplate', newCode, '13:55:00', 'r4-new')]);
    expect((await roundOf(4)).state).toBe('done');
    expect((await values())['patrol.rounds.done']).toBe(2);
    const cleared = await audit('patrol.round.cleared');
    expect(cleared.map((e) => e.target)).toEqual([`round:${round(4)}`]);
    expect(cleared[0]).toMatchObject({ actor: PATROLLER, details: { state: 'done', reasons: [] } });

    // Rotated again: each code keeps its own span, so a check typed from the second sheet and sent after the
    // third was posted still confirms, and that code confirms nothing from the second rotation on.
    t.clock.setNow(hall(MONDAY, '14:30:00'));
    const third = await rotate('nameplate');
    await at('14:40:00');
    await post([check(4, 'nameplate', newCode, '13:57:00', 'r4-late')]);
    expect(await confirmedOf('r4-late')).toBe(true);
    await at('15:15:00');
    await post(walkedRound(round(5), { ...codes, nameplate: newCode }, hall(MONDAY, '14:50:00'), { ids: 'r5' }));
    expect(reasons((await roundOf(5)).doubts)).toEqual(['wrong_code']);
    await post([check(5, 'nameplate', third, '14:52:00', 'r5-third')]);
    expect((await roundOf(5)).state).toBe('done');
    codes = { ...codes, nameplate: third };
  });

  it('refuses the old code for a check dated after the rotation that arrived before it (a device clock ahead)', async () => {
    // At 15:58 the phone sends a round whose last check and completion are dated a few minutes ahead, as the ingest contract allows.
    await at('15:58:00');
    const walk = walkedRound(round(6), codes, hall(MONDAY, '15:48:00'), {
      ids: 'r6',
      check: (cp, d) => (cp === 'first-aid' ? null : d),
    }).filter((e) => e.type !== 'round.completed');
    await post([
      ...walk,
      check(6, 'first-aid', codes['first-aid'], '16:01:00', 'r6-ahead'),
      roundEvent('round.completed', { round: round(6), patroller: 'p' }, hall(MONDAY, '16:02:00'), 'r6-done'),
    ]);
    expect((await roundOf(6)).state).toBe('done');
    expect(await confirmedOf('r6-ahead')).toBe(true);
    const before = Number((await values())['patrol.rounds.done']);

    t.clock.setNow(hall(MONDAY, '15:59:00'));
    const fresh = await rotate('first-aid');
    expect(await confirmedOf('r6-ahead')).toBe(false);
    await at('16:05:00');
    expect((await roundOf(6)).doubts).toEqual([{ reason: 'wrong_code', checkpoints: ['first-aid'] }]);
    expect((await values())['patrol.rounds.done']).toBe(before - 1);
    // The rotation judged it again, under the admin who rotated, not the officer.
    const judged = (await audit('patrol.round.doubtful')).filter((e) => e.target === `round:${round(6)}`);
    expect(judged.map((e) => e.actor)).toEqual(['admin-token']);
    await post([check(6, 'first-aid', fresh, '16:01:30', 'r6-fresh')]);
    expect((await roundOf(6)).state).toBe('done');
  });

  it('writes each rotation to the audit log, never the codes', async () => {
    const rotations = await audit('patrol.checkpoint.rotate-code');
    expect(rotations.map((e) => [e.actor, e.target])).toEqual([
      ['admin-token', 'checkpoint:nameplate'],
      ['admin-token', 'checkpoint:nameplate'],
      ['admin-token', 'checkpoint:first-aid'],
    ]);
    expect(rotations[0].details).toMatchObject({ since: expect.any(String) });
    const all = JSON.stringify(await t.ds.query(`SELECT details FROM audit_log`));
    const everCodes: Array<{ scan_code: string }> = await t.ds.query(
      `SELECT scan_code FROM patrol_checkpoints WHERE site_id = $1 UNION SELECT scan_code FROM patrol_retired_codes WHERE site_id = $1`,
      [site.id],
    );
    expect(everCodes.length).toBe(Object.keys(codes).length + 3);
    for (const { scan_code } of everCodes) expect(all).not.toContain(scan_code);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM patrol_retired_codes WHERE site_id = $1`, [site.id]);
    expect(n).toBe(3);
  });
});
