import { IndicatorSnapshot } from '@hallwatch/shared';
import { demoAccess, DemoAccess, describeDemoAccess } from '../../server/src/modules/demo/demo-access';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
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

  it('gives a new password at the next start, ending the old one and its sessions; earlier walls keep working', async () => {
    const before = await login(t.url, 'demo', first.signIn!.password);
    const second = (await demoAccess(t.ds, t.config))!;
    expect(second.signIn!.password).not.toBe(first.signIn!.password);
    expect((await login(t.url, 'demo', first.signIn!.password)).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: before.session!.token })).status).toBe(401);
    expect((await login(t.url, 'demo', second.signIn!.password)).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/sites/huiji/indicators`, { headers: bearer(first.displayToken) })).status).toBe(200);
  });
});
