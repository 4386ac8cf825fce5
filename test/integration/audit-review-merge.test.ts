import type { ReviewAuditView } from '@hallwatch/shared';
import { randomUUID } from 'node:crypto';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// The review trail lives in the one audit log: the migration that merged it moves every entry
// there with all its fields, and undoing it gives back the same rows, ids included.
describe('the review audit trail merged into the audit log', () => {
  const SITE = 'ramg';
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let site: Site;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    site = await makeSite(t.ds, SITE);
    h = await reviewsHarness(t, SITE);
  });
  afterAll(async () => t.close());

  const hasReviewTable = async (): Promise<boolean> =>
    (await t.ds.query(`SELECT to_regclass('public.review_audit_log') IS NOT NULL AS present`))[0].present as boolean;
  const undoMerge = async () => {
    for (let undone = 0; !(await hasReviewTable()) && undone < t.ds.migrations.length; undone++) await t.ds.undoLastMigration();
    expect(await hasReviewTable()).toBe(true);
  };

  /** Every review trail row with every column, as the old table holds them. */
  const reviewRows = async () =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, at, actor, action, site_id, subject, detail::text, ip, user_agent), E'\\n'
           ORDER BY id)) AS sum FROM review_audit_log`,
      )
    )[0] as { n: number; sum: string };
  /** The same rows read back from the audit log, each field mapped to its old column. */
  const mergedRows = async () =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', a.details->>'reviewAuditId', a.at, a.actor, a.action,
             COALESCE(s.id::text, a.details->>'reviewAuditSiteId'), a.target, (a.details - 'reviewAuditId' - 'reviewAuditSiteId')::text,
             a.address, a.user_agent), E'\\n' ORDER BY (a.details->>'reviewAuditId')::bigint)) AS sum
         FROM audit_log a LEFT JOIN sites s ON s.code = a.site WHERE a.details ? 'reviewAuditId'`,
      )
    )[0] as { n: number; sum: string };
  /** The rest of the log, which the migration must leave as it is. */
  const otherEntries = async () =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, at, actor, role, action, target, site, details::text, address, user_agent, count),
           E'\\n' ORDER BY id)) AS sum FROM audit_log
         WHERE NOT details ? 'reviewAuditId' AND action NOT IN ('calendar.set', 'calendar.remove', 'phone.reveal', 'appeal.file',
           'appeal.decide', 'follow-up.contact', 'follow-up.resolution', 'follow-up.confirmation')`,
      )
    )[0] as { n: number; sum: string };

  it('moves every review entry into the audit log with all its fields, and back and forth without loss', async () => {
    // An edit made today lands in the audit log, and another act of the log's own stands beside it.
    expect((await h.admin('PUT', `/calendar?site=${SITE}`, { from: '2024-10-01', kind: 'holiday', name: '国庆节' })).status).toBe(200);
    expect((await h.admin('PUT', `/calendar`, { from: '2024-10-02', kind: 'holiday', name: '国庆节' })).status).toBe(200);
    await t.ds.query(
      `INSERT INTO audit_log (at, actor, action, target, site, details) VALUES (now(), 'admin', 'registry.window.update', 'window:w1', $1, '{"fields":["name"]}')`,
      [SITE],
    );
    const others = await otherEntries();
    expect(others.n).toBeGreaterThan(0);

    await undoMerge();
    // The edits made since the merge go back to the review trail too.
    const moved: Array<{ action: string; site_id: string | null; subject: string }> = await t.ds.query(
      `SELECT action, site_id, subject FROM review_audit_log ORDER BY id`,
    );
    expect(moved).toEqual([
      { action: 'calendar.set', site_id: site.id, subject: 'calendar:2024-10-01' },
      { action: 'calendar.set', site_id: null, subject: 'calendar:2024-10-02' },
    ]);
    // Entries as the review trail held them: gaps in the ids, a site since unknown, the longest user agent it kept.
    const goneSite = randomUUID();
    await t.ds.query(
      `INSERT INTO review_audit_log (id, at, actor, action, site_id, subject, detail, ip, user_agent) VALUES
         (40, '2024-03-01T02:03:04.567Z', 'alice', 'phone.reveal', $1, 'follow-up:7', '{"kind":"review","sourceId":"r7","masked":"137****1111"}', '10.0.0.9', $3),
         (41, '2024-03-01T02:03:04.567Z', 'bob', 'appeal.decide', $1, 'appeal:3', '{"to":"upheld","note":"复核属实","nested":{"a":[1,2]}}', NULL, NULL),
         (45, '2024-03-02T00:00:00Z', 'cli', 'calendar.remove', NULL, 'calendar:2024-05-01', '{}', NULL, NULL),
         (46, '2024-03-03T00:00:00Z', 'carol', 'appeal.file', $2, 'appeal:9', '{"reason":"misoperation"}', '::1', 'x')`,
      [site.id, goneSite, 'U'.repeat(500)],
    );
    await t.ds.query(`SELECT setval('review_audit_log_id_seq', 46)`);
    const before = await reviewRows();
    expect(before.n).toBe(6);

    await t.ds.runMigrations();
    expect(await hasReviewTable()).toBe(false);
    const merged = await mergedRows();
    expect(merged).toEqual(before);
    expect(await otherEntries()).toEqual(others);
    // The review audit route reads them from the log, in the shape it always answered.
    const listed = (await h.admin<ReviewAuditView[]>('GET', `/sites/${SITE}/review-audit`)).body;
    expect(listed.map((e) => `${e.action} ${e.subject}`).sort()).toEqual([
      'appeal.decide appeal:3',
      'calendar.set calendar:2024-10-01',
      'phone.reveal follow-up:7',
    ]);
    const reveal = listed.find((e) => e.action === 'phone.reveal')!;
    expect(reveal).toMatchObject({
      at: '2024-03-01T02:03:04.567Z',
      actor: 'alice',
      site: SITE,
      subject: 'follow-up:7',
      detail: { kind: 'review', sourceId: 'r7', masked: '137****1111' },
      ip: '10.0.0.9',
      userAgent: 'U'.repeat(500),
    });
    // The admin's audit log shows them among every other act.
    const log = (await h.admin<Array<{ action: string; target: string }>>('GET', `/audit?site=${SITE}&action=appeal.`)).body;
    expect(log.map((e) => e.target)).toEqual(['appeal:3']);

    await undoMerge();
    expect(await reviewRows()).toEqual(before);
    expect(await otherEntries()).toEqual(others);
    await t.ds.runMigrations();
    expect(await mergedRows()).toEqual(merged);
    expect(await otherEntries()).toEqual(others);
  });

  it('keeps the merged entries under the log’s append-only rule', async () => {
    await expect(t.ds.query(`UPDATE audit_log SET actor = 'mallory' WHERE details ? 'reviewAuditId'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_log WHERE action = 'calendar.set'`)).rejects.toThrow(/append-only/);
  });
});
