import { MigrationInterface, QueryRunner } from 'typeorm';

// The review trail (review_audit_log) joins the one audit log, so its entries fall under the
// log's append-only trigger and its retention. Each entry keeps its former id in details under
// FORMER_ID, and, should its site be gone, the site's id under FORMER_SITE: `down` gives back
// the same rows, ids included. The acts below are the ones the review trail recorded; `down`
// moves those written since back with fresh ids (their role has no column there).
const FORMER_ID = 'reviewAuditId';
const FORMER_SITE = 'reviewAuditSiteId';
const REVIEW_ACTIONS = [
  'phone.reveal',
  'follow-up.contact',
  'follow-up.resolution',
  'follow-up.confirmation',
  'appeal.file',
  'appeal.decide',
  'calendar.set',
  'calendar.remove',
];
const IS_REVIEW_ENTRY = `(a.details ? '${FORMER_ID}' OR a.action IN (${REVIEW_ACTIONS.map((x) => `'${x}'`).join(', ')}))`;

export class MergeReviewAudit1796590000000 implements MigrationInterface {
  name = 'MergeReviewAudit1796590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The review trail kept user agents to 500 characters; the log keeps its older entries whole.
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "user_agent" TYPE character varying(500)`);
    await queryRunner.query(
      `INSERT INTO audit_log (at, actor, role, action, target, site, details, address, user_agent)
       SELECT r.at, r.actor, NULL, r.action, r.subject, s.code,
              r.detail || jsonb_build_object('${FORMER_ID}', r.id::text)
                || CASE WHEN r.site_id IS NOT NULL AND s.id IS NULL THEN jsonb_build_object('${FORMER_SITE}', r.site_id::text) ELSE '{}' END,
              r.ip, r.user_agent
       FROM review_audit_log r LEFT JOIN sites s ON s.id = r.site_id ORDER BY r.id`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_review_audit_site_at"`);
    await queryRunner.query(`DROP TABLE "review_audit_log"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "review_audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(64) NOT NULL, "action" character varying(40) NOT NULL, "site_id" uuid, "subject" character varying(120) NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), "user_agent" text, CONSTRAINT "PK_fcab6ac45724bedb6f5a9ab991c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_review_audit_site_at" ON "review_audit_log"  ("site_id", "at") `);
    // Former ids first, so the entries written since take ids after them.
    await queryRunner.query(
      `INSERT INTO review_audit_log (id, at, actor, action, site_id, subject, detail, ip, user_agent)
       SELECT (a.details->>'${FORMER_ID}')::bigint, a.at, a.actor, a.action, COALESCE(s.id, (a.details->>'${FORMER_SITE}')::uuid),
              a.target, a.details - '${FORMER_ID}' - '${FORMER_SITE}', a.address, a.user_agent
       FROM audit_log a LEFT JOIN sites s ON s.code = a.site WHERE a.details ? '${FORMER_ID}' ORDER BY a.id`,
    );
    await queryRunner.query(`SELECT setval('review_audit_log_id_seq', COALESCE((SELECT max(id) FROM review_audit_log), 1), EXISTS (SELECT 1 FROM review_audit_log))`);
    await queryRunner.query(
      `INSERT INTO review_audit_log (at, actor, action, site_id, subject, detail, ip, user_agent)
       SELECT a.at, left(a.actor, 64), left(a.action, 40), s.id, left(coalesce(a.target, ''), 120), a.details, a.address, a.user_agent
       FROM audit_log a LEFT JOIN sites s ON s.code = a.site WHERE NOT a.details ? '${FORMER_ID}' AND ${IS_REVIEW_ENTRY} ORDER BY a.id`,
    );
    // The log's trigger refuses deleting young entries to everyone; undoing this migration is the one exception.
    await queryRunner.query(`ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_append_only_rows`);
    await queryRunner.query(`DELETE FROM audit_log a WHERE ${IS_REVIEW_ENTRY}`);
    await queryRunner.query(`ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_append_only_rows`);
    await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "user_agent" TYPE character varying(300) USING left("user_agent", 300)`);
  }
}
