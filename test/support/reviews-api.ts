import { FollowUpCaseView, FollowUpListView } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { adminApi } from './admin-api';
import { ev } from './factories';
import { postEvents } from './http';
import { TestApp } from './test-app';

export const REVIEWS_ADMIN_TOKEN = 'reviews-test-admin-token-0123456789';

/** The admin API, the device key of one site, and the review module's services, for one test app. */
export async function reviewsHarness(t: TestApp, site: string) {
  const admin = adminApi(t.url, REVIEWS_ADMIN_TOKEN);
  const key = await t.deviceKey(site);
  return {
    admin,
    key,
    rollups: t.app.get(RollupService),
    deadlines: t.app.get(FollowUpDeadlinesService),
    async post(events: Array<ReturnType<typeof ev>>): Promise<void> {
      const res = await postEvents(t.url, key, { events });
      const bad = res.body.results?.filter((r) => r.status === 'rejected') ?? [];
      if (res.status !== 200 || bad.length) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
    async cases(status = 'all'): Promise<FollowUpCaseView[]> {
      const res = await admin<FollowUpListView>('GET', `/sites/${site}/follow-ups?status=${status}`);
      if (res.status !== 200) throw new Error(`follow-ups answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.cases;
    },
    async caseOf(sourceId: string): Promise<FollowUpCaseView> {
      const c = (await this.cases()).find((x) => x.sourceId === sourceId);
      if (!c) throw new Error(`no case for ${sourceId}`);
      return c;
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const one = async <T>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T> => (await ds.query(sql, params))[0] as T;
