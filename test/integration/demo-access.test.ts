import { IndicatorSnapshot } from '@hallwatch/shared';
import { demoAccess, DemoAccess, describeDemoAccess } from '../../server/src/modules/demo/demo-access';
import { DEMO_DEPARTMENTS } from '../../server/src/modules/demo/demo-hall';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { ensureDemoPatrol } from '../../server/src/modules/demo/demo-patrol';
import { RoundPlanner } from '../../server/src/modules/patrol/round-planner.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { localDay } from '../../server/src/core/time/zoned-time';
import { bearer, call, login } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// `npm start` with nothing anonymous: the demo start hands a new user a wall URL with a display
// token and an admin sign-in, and says both.
describe('the demo start’s way in', () => {
  let t: TestApp;
  let first: DemoAccess;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('offers nothing before the demo hall exists', async () => {
    expect(await demoAccess(t.ds, t.config)).toBeNull();
  });

  it('issues a display token that opens the demo wall, and an admin account that signs in', async () => {
    await seedDemo(t.ds);
    first = (await demoAccess(t.ds, t.config))!;
    expect(first.site).toBe('huiji');
    const printed = describeDemoAccess(first, 'http://localhost:3000');
    expect(printed).toContain(`http://localhost:3000/wall?site=huiji&token=${first.displayToken}`);
    expect(printed).toContain(first.signIn!.password);

    const wall = await fetch(`${t.url}/api/v1/sites/huiji/indicators`, { headers: bearer(first.displayToken) });
    expect(wall.status).toBe(200);
    expect(((await wall.json()) as IndicatorSnapshot).site).toBe('huiji');
    const signedIn = await login(t.url, first.signIn!.username, first.signIn!.password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ role: 'admin', sites: 'all', mustChangePassword: false });
  });

  it('makes one department account per demo department, printed with their one password, each landing on its own tasks', async () => {
    expect(first.departments).toMatchObject({ example: 'gjj.huiji', count: DEMO_DEPARTMENTS.length });
    const printed = describeDemoAccess(first, 'http://localhost:3000');
    expect(printed).toContain(`"gjj.huiji", password "${first.departments!.password}"`);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM users u JOIN user_sites us ON us.user_id = u.id WHERE u.role = 'department' AND us.department_code IS NOT NULL`,
    );
    expect(n).toBe(DEMO_DEPARTMENTS.length);
    const yb = await login(t.url, 'yb.huiji', first.departments!.password);
    expect(yb.body.user).toMatchObject({ role: 'department', sites: ['huiji'], department: 'yb' });
    const tasks = await call<{ department: { code: string } }>(t.url, 'GET', '/api/v1/department/sites/huiji/tasks', {
      token: yb.session!.token,
    });
    expect([tasks.status, tasks.body.department.code]).toEqual([200, 'yb']);
  });

  it('gives a new password at the next start, ending the old one and its sessions; earlier walls keep working', async () => {
    const before = await login(t.url, 'demo', first.signIn!.password);
    const second = (await demoAccess(t.ds, t.config))!;
    expect(second.signIn!.password).not.toBe(first.signIn!.password);
    expect((await login(t.url, 'demo', first.signIn!.password)).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: before.session!.token })).status).toBe(401);
    expect((await login(t.url, 'demo', second.signIn!.password)).status).toBe(200);
    expect((await login(t.url, 'gjj.huiji', first.departments!.password)).status).toBe(401);
    expect((await login(t.url, 'gjj.huiji', second.departments!.password)).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/sites/huiji/indicators`, { headers: bearer(first.displayToken) })).status).toBe(200);
  });

  it('switches patrol on for the demo hall, and the wall shows the rounds at their own times', async () => {
    // Planned from yesterday, so that all of today's rounds exist whatever the hour the test runs at.
    expect(await ensureDemoPatrol(t.ds.manager, new Date(Date.now() - 86_400_000))).toBe(true);
    const site = await t.ds.getRepository(Site).findOneByOrFail({ code: 'huiji' });
    const [schedule] = await t.ds.query(`SELECT enabled, times, weekdays FROM patrol_schedules WHERE site_id = $1`, [site.id]);
    expect(schedule).toEqual({ enabled: true, times: ['09:00', '11:00', '14:30', '16:30'], weekdays: [1, 2, 3, 4, 5, 6, 7] });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM patrol_checkpoints WHERE site_id = $1`, [site.id]);
    expect(n).toBeGreaterThan(0);

    const wall = async () =>
      ((await (await fetch(`${t.url}/api/v1/sites/huiji/indicators`, { headers: bearer(first.displayToken) })).json()) as IndicatorSnapshot)
        .siteInfo.patrolRounds;
    expect(await wall()).toEqual([]);
    await t.app.get(RoundPlanner).planDay(site, localDay(t.clock.now(), site.timezone), t.clock.now());
    const rounds = await wall();
    expect(rounds.map((r) => r.time)).toEqual(['09:00', '11:00', '14:30', '16:30']);
    const stored = await t.ds.query(`SELECT state FROM patrol_rounds WHERE site_id = $1 AND day = $2 ORDER BY time`, [
      site.id,
      localDay(t.clock.now(), site.timezone),
    ]);
    expect(rounds.map((r) => r.state)).toEqual(stored.map((r: { state: string }) => r.state));
  });

  it('leaves a demo hall that has a patrol schedule of its own alone, even a disabled one', async () => {
    await t.ds.query(`UPDATE patrol_schedules SET enabled = false`);
    expect(await ensureDemoPatrol(t.ds.manager)).toBe(false);
    const [{ enabled }] = await t.ds.query(`SELECT enabled FROM patrol_schedules`);
    expect(enabled).toBe(false);
  });
});
