import { QueueName } from '@hallwatch/shared';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { bullConnection } from '../../server/src/core/queue/queue.module';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { REDIS_URL, runId } from '../support/test-env';

jest.setTimeout(120_000);

const ADMIN = 'qb-admin';
const LIMITED = 'qb-site-admin';
const SITE = 'hq';
const PREFIX = `${runId()}:${randomBytes(3).toString('hex')}`;

// The admin page's 后台任务 tab: each queue's jobs by state, a failed job's error, and 重试 putting
// it back in line; an admin of one site is told the queues are not theirs. The server runs no
// worker here, so the job the test's own worker failed stays where the page put it.
describe('the queues on the admin page (/admin?tab=queues)', () => {
  let h: BrowserHarness;
  let page: Page;
  let jobId: string;
  const opts = { connection: bullConnection(REDIS_URL), prefix: `${PREFIX}:bull` };

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, SITE, 1);
        await makeUserOn(ds, ADMIN, 'admin', 'all');
        await makeUserOn(ds, LIMITED, 'admin', [SITE]);
      },
      { RUN_WORKERS: 'false', REDIS_PREFIX: PREFIX },
    );
    const queue = new Queue(QueueName.Notify, opts);
    const events = new QueueEvents(QueueName.Notify, opts);
    await events.waitUntilReady();
    jobId = String((await queue.add('deliver', { to: '13800002222' }, { attempts: 1 })).id);
    const failed = new Promise<void>((resolve) => events.on('failed', ({ jobId: id }) => id === jobId && resolve()));
    const worker = new Worker(
      QueueName.Notify,
      async () => {
        throw new Error('钉钉机器人返回 310000：签名不匹配');
      },
      opts,
    );
    await failed;
    await Promise.all([worker.close(), events.close(), queue.close()]);
  });
  afterAll(async () => {
    await page?.close();
    await h?.close();
  });

  it('lists the queues, shows the failed job’s error, and puts it back in line with 重试', async () => {
    page = await h.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${h.server.url}/login?next=${encodeURIComponent(`/admin?site=${SITE}&tab=queues`)}`);
    await submitLogin(page, ADMIN);
    await page.getByTestId('queues-table').waitFor();
    expect(await page.textContent('[data-testid="queue-notify"]')).toContain('消息推送');
    expect(await page.textContent('[data-testid="queue-notify-failed"]')).toBe('1');
    expect(await page.textContent('[data-testid="queue-patrol-failed"]')).toBe('0');
    await page.getByTestId('queue-notify-show').click();
    const row = page.getByTestId(`failed-${jobId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('钉钉机器人返回 310000：签名不匹配');
    expect(await page.textContent('body')).not.toContain('13800002222');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-queues.png'), fullPage: true });

    await page.getByTestId(`retry-${jobId}`).click();
    await page.getByTestId('queues-notice').waitFor();
    expect(await page.textContent('[data-testid="queues-notice"]')).toBe(`任务 ${jobId} 已重新排队`);
    expect(await page.textContent('[data-testid="queue-notify-failed"]')).toBe('0');
    expect(await page.textContent('[data-testid="queue-notify-waiting"]')).toBe('1');
    expect(await page.textContent('[data-testid="tab-queues"]')).toContain('没有失败的任务');
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'queue.job.retry' AND actor = $1`, [ADMIN]);
    expect(n).toBe(1);

    await page.getByTestId('language').click();
    await page.getByText('Background jobs', { exact: false }).first().waitFor();
    expect(await page.textContent('[data-testid="queue-notify"]')).toContain('Notifications');
  });

  it('tells an admin of one site that the queues serve every site', async () => {
    const other = await h.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await other.goto(`${h.server.url}/login?next=${encodeURIComponent(`/admin?site=${SITE}&tab=queues`)}`);
    await submitLogin(other, LIMITED);
    await other.getByText('后台任务服务于全部站点，只有管辖全部站点的管理员可以查看。').waitFor();
    expect(await other.$('[data-testid="queues-table"]')).toBeNull();
    await other.close();
  });
});
