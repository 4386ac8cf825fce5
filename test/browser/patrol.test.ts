import { IndicatorSnapshot } from '@hallwatch/shared';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG as PngImage } from 'pngjs';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeUser, signIn } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, signInContext, waitForText } from '../support/browser';
import { makeSite } from '../support/factories';
import { png } from '../support/photos';
import { call, checkpointCodes, hall, MONDAY, roundEvent, waitFor, walkedRound } from '../support/patrol';
import { DASHBOARD_DIR } from '../support/server-process';
import { pinnedNow } from '../support/test-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { WALL_VIEWPORT } from '../support/wall-page';

jest.setTimeout(120_000);

const ADMIN = 'browser-admin-token-patrol';
const PATROLLER = 'zhang.patrol';
const SITE = 'patb';

const PNG = png(640, 480);
/** A phone in the hall: 360×740, touch, Chinese. */
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };

// A patroller's phone (360×740) walks the 09:00 round of the hall's Monday: signed in, starts
// the round, types each checkpoint's code and taps OK down the checklist a minute apart (the
// phone's clock and the server's move together), records one finding with a photo and a notice,
// loses the network half-way, completes the round offline, and gets it all through when the
// network returns, one answer of which is lost on the way back. The server holds every
// record once and the wall shows the round done.

describe('patrol page on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let site: Site;
  let codes: Record<string, string>;
  // The phone's clock: the real time or the pinned moment, moved on with the server's as the patroller walks.
  let phoneAt = 0;
  const walk = async (ms: number) => {
    phoneAt += ms;
    await context.clock.setFixedTime(phoneAt);
    t.clock.setNow(new Date(t.clock.now().getTime() + ms));
  };
  const confirm = async (cp: string) => {
    await walk(60_000);
    await page.getByTestId(`code-${cp}`).fill(codes[cp].toLowerCase());
  };
  const count = async (sql: string): Promise<number> =>
    (await t.ds.query(sql.replace('$site', `(SELECT id FROM sites WHERE code = '${SITE}')`)))[0].n;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    site = await makeSite(t.ds, SITE);
    await makeUser(t, PATROLLER, 'patrol', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:58:00'));
    expect((await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true })).status).toBe(200);
    t.clock.setNow(hall(MONDAY, '09:04:00'));
    await t.app.get(PatrolSync).syncSite(site);
    browser = await launchBrowser();
    context = await browser.newContext(PHONE);
    // The server's clock is the Monday's; the phone's is whatever the day is (or the moment the
    // run pins), and the page must not care: it reads the server's time for all it judges.
    phoneAt = (pinnedNow() ?? new Date()).getTime();
    await context.clock.setFixedTime(phoneAt);
    await signInContext(context, t.url, PATROLLER);
    codes = await checkpointCodes(t.url, SITE, ADMIN);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('walks a round with a finding and a notice through an offline spell; nothing lost, nothing doubled', async () => {
    await page.goto(`${t.url}/patrol?site=${SITE}`);

    const round1 = page.getByTestId('round-1');
    await waitFor(
      () => round1.getAttribute('data-state'),
      (s) => s === 'due',
      10_000,
      'round 1 due',
    );
    expect(await page.textContent('h1')).toBe('督查巡查');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-rounds.png') });
    await round1.getByRole('button', { name: '开始巡查' }).click();
    await page.getByTestId('checklist').waitFor();
    await waitFor(
      () => count(`SELECT count(*)::int AS n FROM patrol_rounds WHERE site_id = $site AND state = 'in_progress'`),
      (n) => n === 1,
      10_000,
      'start reaches the server',
    );

    const cps = await page.$$eval('[data-testid^="cp-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice(3)));
    expect(cps).toHaveLength(8);
    // Without the code posted at the checkpoint there is nothing to confirm.
    expect(await page.getByTestId(`ok-${cps[0]}`).isDisabled()).toBe(true);
    for (const code of cps.slice(0, 3)) {
      await confirm(code);
      await page.getByTestId(`ok-${code}`).click();
    }

    await waitFor(
      () => page.getByTestId('sync-state').getAttribute('data-pending'),
      (n) => n === '0',
      10_000,
      'first checks sent',
    );
    // The page may report an empty outbox between two taps; the server's count is the truth.
    await waitFor(
      () => count(`SELECT count(*)::int AS n FROM patrol_checks WHERE site_id = $site`),
      (n) => n === 3,
      10_000,
      'first three checks stored',
    );
    // The Wi-Fi drops in the middle of the round.
    await context.setOffline(true);
    for (const code of cps.slice(3).filter((c) => c !== 'back-office')) {
      await confirm(code);
      await page.getByTestId(`ok-${code}`).click();
    }
    await confirm('back-office');
    await page.getByTestId('issue-back-office').click();
    await page.getByTestId('finding-department').selectOption('d1');
    await page.getByTestId('severity-high').click();
    await page.getByTestId('finding-note').fill('后台审批科有两名办事群众');
    await page.getByTestId('finding-photo').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText(/已附照片/).waitFor();
    await page.getByTestId('finding-notice').check();
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-finding.png'), fullPage: true });
    await page.getByTestId('finding-save').click();
    await waitFor(
      () => page.getByTestId('cp-back-office').getAttribute('data-result'),
      (r) => r === 'finding',
      5000,
      'finding recorded',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol.png') });
    const offlineBadge = await page.getByTestId('sync-state').textContent();
    expect(offlineBadge).toMatch(/离线 · \d+ 条待发送/);
    await walk(60_000);
    await page.getByTestId('complete-round').click();
    await waitFor(
      () => round1.getAttribute('data-state'),
      (s) => s === 'done',
      5000,
      'round shown done on the phone',
    );
    // Nothing of the offline part has reached the server yet.
    expect(await count(`SELECT count(*)::int AS n FROM patrol_checks WHERE site_id = $site`)).toBe(3);

    // The first answer after the network returns is lost on the way back: the page must resend, and the server count it once.
    let lost = 0;
    await page.route('**/api/v1/patrol/sites/*/events', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await context.setOffline(false);
    await waitFor(
      () => page.getByTestId('sync-state').getAttribute('data-pending'),
      (n) => n === '0',
      20_000,
      'outbox drained',
    );
    expect(lost).toBeGreaterThan(1);

    const eventIds: Array<{ n: number }> = await t.ds.query(
      `SELECT count(*)::int AS n FROM events WHERE site_id = (SELECT id FROM sites WHERE code = $1) AND type LIKE 'round.%'`,
      [SITE],
    );
    expect(eventIds[0].n).toBe(1 + 8 + 1);
    expect(await count(`SELECT count(*)::int AS n FROM patrol_checks WHERE site_id = $site`)).toBe(8);
    expect(
      await count(`SELECT count(*)::int AS n FROM patrol_findings WHERE site_id = $site AND department = 'd1' AND severity = 'high'`),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM patrol_photos WHERE site_id = $site AND type = 'image/jpeg'`)).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM patrol_notices WHERE site_id = $site AND department = 'd1' AND status = 'open'`),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM patrol_rounds WHERE site_id = $site AND state = 'done'`)).toBe(1);
    // The round was walked by the signed-in account, and the phone says who that is.
    const [walked] = await t.ds.query(`SELECT started_by, completed_by FROM patrol_rounds WHERE state = 'done'`);
    expect(walked).toEqual({ started_by: PATROLLER, completed_by: PATROLLER });
    expect(await page.textContent('body')).toContain(`巡查人员：${PATROLLER}`);
    const deadline: Array<{ d: string }> = await t.ds.query(
      `SELECT to_char(deadline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS d FROM patrol_notices`,
    );
    expect(deadline[0].d).toBe('2024-07-16 17:30');

    const snap = await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN);
    expect(snap.body.values['patrol.rounds.done']).toBe(1);
    expect(snap.body.values['patrol.findings.open']).toBe(1);
    await waitFor(
      () => round1.getAttribute('data-state'),
      (s) => s === 'done',
      5000,
      'round done after reload',
    );
    expect(await page.getByTestId('sync-state').textContent()).toBe('已同步');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-done.png') });
  });

  it('switches to English', async () => {
    await page.getByTestId('language').click();
    expect(await page.textContent('h1')).toBe('Patrol rounds');
    expect(await page.getByTestId('round-1').textContent()).toContain('Done');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-english.png') });
    await page.getByTestId('language').click();
    expect(await page.textContent('h1')).toBe('督查巡查');
  });

  it('the wall shows the round done', async () => {
    const wall = await browser.newPage({ viewport: WALL_VIEWPORT });
    const wallClock = pinnedNow();
    if (wallClock) await wall.clock.setFixedTime(wallClock);
    await wall.goto(`${t.url}/wall?site=${SITE}&token=${await t.displayToken(SITE)}`);
    await waitForText(wall, 'patrol.rounds.done', '1', 15_000);
    // Each round tile says its own round's state, in time order.
    const stored: Array<{ state: string }> = await t.ds.query(
      `SELECT r.state FROM patrol_rounds r JOIN sites s ON s.id = r.site_id
       WHERE s.code = $1 AND r.day = (SELECT day FROM patrol_rounds WHERE state = 'done' LIMIT 1) ORDER BY r.time`,
      [SITE],
    );
    const markOf: Record<string, string> = {
      scheduled: 'upcoming',
      due: 'due',
      overdue: 'overdue',
      in_progress: 'walking',
      done: 'done',
      doubtful: 'doubtful',
      missed: 'missed',
    };
    const marks = await wall.locator('[data-testid^="round-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-mark')));
    expect(marks[0]).toBe('done');
    expect(marks).toEqual(stored.map((r) => markOf[r.state]));
    await wall.close();
  });
});

// Rounds that were really walked, on a site whose checklist has three checkpoints: one round is
// walked offline with the three codes typed and counts once synced; one was sent with a
// checkpoint missing and a code entered after its completion, and the phone shows it 存疑 with
// both reasons.
describe('patrol page: codes typed offline, and a round held 存疑', () => {
  const W_SITE = 'patw';
  const W_PATROLLER = 'li.walk';
  const W_SUPERVISOR = 'sun.sheet';
  const KEEP = ['windows-staffed', 'back-office', 'archive-locked'];
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let codes: Record<string, string>;
  let phoneAt = 0;
  const walk = async (ms: number) => {
    phoneAt += ms;
    await context.clock.setFixedTime(phoneAt);
    t.clock.setNow(new Date(t.clock.now().getTime() + ms));
  };
  const admin = (method: string, path: string, body?: unknown) => call(`${t.url}/api/v1/admin/sites/${W_SITE}${path}`, method, ADMIN, body);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    const site = await makeSite(t.ds, W_SITE);
    await makeUser(t, W_PATROLLER, 'patrol', [W_SITE]);
    await makeUser(t, W_SUPERVISOR, 'supervisor', [W_SITE]);
    t.clock.setNow(hall(MONDAY, '08:00:00'));
    expect((await admin('PUT', '/patrol/schedule', { enabled: true })).status).toBe(200);
    const all = await checkpointCodes(t.url, W_SITE, ADMIN);
    for (const cp of Object.keys(all).filter((c) => !KEEP.includes(c)))
      expect((await admin('DELETE', `/patrol/checkpoints/${cp}`)).status).toBe(204);
    codes = await checkpointCodes(t.url, W_SITE, ADMIN);
    expect(Object.keys(codes)).toEqual(KEEP);

    // The 09:00 round reached the server with the archive room never confirmed.
    t.clock.setNow(hall(MONDAY, '09:30:00'));
    await t.app.get(PatrolSync).syncSite(site);
    const token = (await signIn(t.url, W_PATROLLER)).token;
    const gap = walkedRound(`${MONDAY}-1`, codes, hall(MONDAY, '09:05:00'), {
      ids: 'gap',
      stepMs: 120_000,
      check: (cp, d) => (cp === 'archive-locked' ? null : d),
    });
    // And the patrol room's code was entered again at 09:20, after the round was completed at 09:13.
    const stray = roundEvent(
      'round.check',
      { round: `${MONDAY}-1`, checkpoint: 'back-office', result: 'ok', code: codes['back-office'] },
      hall(MONDAY, '09:20:00'),
      'stray',
    );
    expect((await call(`${t.url}/api/v1/patrol/sites/${W_SITE}/events`, 'POST', token, { events: [...gap, stray] })).status).toBe(200);

    t.clock.setNow(hall(MONDAY, '11:01:00'));
    await t.app.get(PatrolSync).syncSite(site);
    browser = await launchBrowser();
    context = await browser.newContext(PHONE);
    phoneAt = (pinnedNow() ?? new Date()).getTime();
    await context.clock.setFixedTime(phoneAt);
    await signInContext(context, t.url, W_PATROLLER);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const doneCount = async () =>
    (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${W_SITE}/indicators`, 'GET', ADMIN)).body.values['patrol.rounds.done'];

  it('shows the round with a missing checkpoint 存疑 with its reason, not done', async () => {
    await page.goto(`${t.url}/patrol?site=${W_SITE}`);
    const round1 = page.getByTestId('round-1');
    await waitFor(
      () => round1.getAttribute('data-state'),
      (s) => s === 'doubtful',
      10_000,
      'round 1 doubtful',
    );
    expect(await round1.textContent()).toContain('存疑');
    const doubts = await round1.getByTestId('round-doubts').textContent();
    expect(doubts).toContain('未确认检查点：档案室、仓库门已锁闭');
    expect(doubts).toContain('确认时间不在本轮巡查之内（09:05–09:13）：09:20 后台审批区无办事群众（受审分离）');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-doubtful.png') });
    expect(await doneCount()).toBe(0);
  });

  it('walks a round offline with the three codes typed; synced later, it counts', async () => {
    const round2 = page.getByTestId('round-2');
    await context.setOffline(true);
    await round2.getByRole('button', { name: '开始巡查' }).click();
    await page.getByTestId('checklist').waitFor();
    for (const cp of KEEP) {
      await walk(120_000);
      await page.getByTestId(`code-${cp}`).fill(` ${codes[cp].slice(0, 4)} ${codes[cp].slice(4).toLowerCase()}`);
      if (cp === KEEP[0]) await page.screenshot({ path: join(SCREENSHOTS, 'patrol-codes.png') });
      await page.getByTestId(`ok-${cp}`).click();
    }
    await walk(60_000);
    await page.getByTestId('complete-round').click();
    await waitFor(
      () => round2.getAttribute('data-state'),
      (s) => s === 'done',
      5000,
      'round shown done on the phone',
    );
    expect(await doneCount()).toBe(0);

    // Back on the network twenty minutes later: the phone sends it all, dated as it was walked.
    await walk(20 * 60_000);
    await context.setOffline(false);
    await waitFor(
      () => page.getByTestId('sync-state').getAttribute('data-pending'),
      (n) => n === '0',
      20_000,
      'outbox drained',
    );
    await waitFor(doneCount, (n) => n === 1, 10_000, 'round counted');
    const [r] = await t.ds.query(`SELECT state, doubts FROM patrol_rounds WHERE code = $1`, [`${MONDAY}-2`]);
    expect(r).toEqual({ state: 'done', doubts: [] });
    const checks: Array<{ confirmed: boolean }> = await t.ds.query(
      `SELECT confirmed FROM patrol_checks WHERE round_id = (SELECT id FROM patrol_rounds WHERE code = $1)`,
      [`${MONDAY}-2`],
    );
    expect(checks.map((c) => c.confirmed)).toEqual([true, true, true]);
  });

  it('prints the checkpoint sheet on A4: each checkpoint with its QR code and code, and every QR code scans back', async () => {
    const office = await browser.newContext({ viewport: { width: 794, height: 1123 }, locale: 'zh-CN' });
    await signInContext(office, t.url, W_SUPERVISOR);
    const sheet = await office.newPage();
    await sheet.goto(`${t.url}/checkpoint-sheet?site=${W_SITE}`);
    await sheet.getByTestId('checkpoint-sheet').waitFor();
    expect(await sheet.textContent('h1')).toBe('巡查检查点二维码');
    for (const cp of KEEP) {
      expect(await sheet.getByTestId(`code-${cp}`).textContent()).toBe(codes[cp]);
      const src = (await sheet.getByTestId(`qr-${cp}`).getAttribute('src'))!;
      const png = PngImage.sync.read(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'));
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`hallwatch:cp:${cp}:${codes[cp]}`);
    }
    expect(await sheet.textContent('body')).toContain('档案室、仓库门已锁闭');
    await sheet.screenshot({ path: join(SCREENSHOTS, 'patrol-checkpoint-sheet.png'), fullPage: true });
    await sheet.getByTestId('lang').click();
    expect(await sheet.textContent('h1')).toBe('Patrol checkpoint codes');
    await office.close();
  });
});
