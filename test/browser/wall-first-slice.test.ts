import { Browser } from 'playwright-core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/device-keys/device-keys.service';
import { displayTokenOn, makeUserOn } from '../support/accounts';
import { launchBrowser, signInContext } from '../support/browser';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-db';

jest.setTimeout(60_000);

describe('wall: first slice in a real browser', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let server: ServerProcess;
  let browser: Browser;
  let key: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, 'wall1');
    key = (await new DeviceKeysService(ds).create('wall1', 'test')).key;
    token = await displayTokenOn(ds, 'wall1');
    await makeUserOn(ds, 'wall-sup', 'supervisor', ['wall1']);
    server = await startServerProcess(db.url);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  it('shows queue.waiting in Chinese and changes it within a second of an accepted event', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/wall?site=wall1&token=${token}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="queue.waiting"]')?.textContent === '0', null, {
      timeout: 10_000,
    });
    expect(await page.textContent('body')).toContain('当前等候');

    const res = await postEvents(server.url, key, ev('ticket.issued', { ticket: 'B001', department: 'd1', channel: 'walk_in' }));
    expect(res.body.results[0].status).toBe('accepted');
    await page.waitForFunction(() => document.querySelector('[data-testid="queue.waiting"]')?.textContent === '1', null, {
      timeout: 5_000,
    });
    expect(await page.getByTestId('queue.waiting').textContent()).toBe('1');
    await page.screenshot({ path: join(__dirname, '..', 'screenshots', 'wall-first-slice.png') });
  });

  it('without a display token or a session, says so and links to the sign-in page; signed in, it shows the hall', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/wall?site=wall1`);
    const notice = page.getByTestId('wall-sign-in');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('此大屏未获授权');
    expect(await notice.locator('a').getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/wall?site=wall1')}`);
    await page.screenshot({ path: join(__dirname, '..', 'screenshots', 'wall-not-authorised.png') });

    await signInContext(context, server.url, 'wall-sup');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="queue.waiting"]')?.textContent === '1', null, {
      timeout: 10_000,
    });
    expect(await page.$('[data-testid="wall-sign-in"]')).toBeNull();
    await context.close();
  });
});
