import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReviewFollowUps1795707725133 implements MigrationInterface {
  name = 'AddReviewFollowUps1795707725133';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "calendar_days" ("scope" character varying(36) NOT NULL, "day" date NOT NULL, "kind" character varying(8) NOT NULL, "name" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac0416cb5f9ae7f8bdfec2fbc4f" PRIMARY KEY ("scope", "day"))`);
    await queryRunner.query(`CREATE TABLE "follow_up_actions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "case_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "step" character varying(8), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(64) NOT NULL, "note" text, "outcome" boolean, "dedupe_key" character varying(120), CONSTRAINT "PK_d4f25b8527ddf8a4620351963ef" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_follow_up_actions_dedupe" ON "follow_up_actions"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_actions_case" ON "follow_up_actions"  ("case_id", "at") `);
    await queryRunner.query(`CREATE TABLE "follow_up_cases" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "source_id" character varying(64) NOT NULL, "department" character varying(64), "window" character varying(64), "staff" character varying(64), "real_name" boolean NOT NULL DEFAULT false, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(24) NOT NULL, "contact_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolve_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_contact_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "contact_overdue_at" TIMESTAMP WITH TIME ZONE, "resolve_overdue_at" TIMESTAMP WITH TIME ZONE, "scheduled_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fbfebd3a78967400a2874495411" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_cases_scheduled" ON "follow_up_cases"  ("scheduled_at") `);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_cases_site_status" ON "follow_up_cases"  ("site_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_cases_status_due" ON "follow_up_cases"  ("status", "resolve_due_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_follow_up_cases_source" ON "follow_up_cases"  ("site_id", "kind", "source_id") `);
    await queryRunner.query(`CREATE TABLE "review_appeals" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "review_id" character varying(64) NOT NULL, "department" character varying(64) NOT NULL, "reason" character varying(16) NOT NULL, "statement" text NOT NULL, "status" character varying(12) NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filed_by" character varying(64) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" character varying(64), "decision_note" text, CONSTRAINT "PK_3ae8d82ee1a04b32e73077b8a65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_review_appeals_review" ON "review_appeals"  ("site_id", "review_id") `);
    await queryRunner.query(`CREATE INDEX "idx_review_appeals_site_status" ON "review_appeals"  ("site_id", "status") `);
    await queryRunner.query(`CREATE TABLE "review_audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(64) NOT NULL, "action" character varying(40) NOT NULL, "site_id" uuid, "subject" character varying(120) NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), "user_agent" text, CONSTRAINT "PK_fcab6ac45724bedb6f5a9ab991c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_review_audit_site_at" ON "review_audit_log"  ("site_id", "at") `);
    await queryRunner.query(`CREATE TABLE "review_daily_rollups" ("level" character varying(4) NOT NULL, "site_id" uuid NOT NULL, "dim" character varying(12) NOT NULL, "day" date NOT NULL, "key" character varying(64) NOT NULL, "reviews" integer NOT NULL DEFAULT '0', "good" integer NOT NULL DEFAULT '0', "bad" integer NOT NULL DEFAULT '0', "rating_sum" integer NOT NULL DEFAULT '0', "completed" integer NOT NULL DEFAULT '0', "bad_due" integer NOT NULL DEFAULT '0', "bad_closed_on_time" integer NOT NULL DEFAULT '0', "real_name_bad" integer NOT NULL DEFAULT '0', "callback_due" integer NOT NULL DEFAULT '0', "callback_done" integer NOT NULL DEFAULT '0', "complaints" integer NOT NULL DEFAULT '0', "complaints_due" integer NOT NULL DEFAULT '0', "complaints_closed_on_time" integer NOT NULL DEFAULT '0', "wait_count" integer NOT NULL DEFAULT '0', "wait_sum_sec" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_2028772a2092a40485653dc01b0" PRIMARY KEY ("level", "site_id", "dim", "day", "key"))`);
    await queryRunner.query(`CREATE TABLE "review_hourly_rollups" ("level" character varying(4) NOT NULL, "site_id" uuid NOT NULL, "department" character varying(64) NOT NULL, "day" date NOT NULL, "hour" smallint NOT NULL, "reviews" integer NOT NULL DEFAULT '0', "bad" integer NOT NULL DEFAULT '0', "wait_count" integer NOT NULL DEFAULT '0', "wait_sum_sec" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_6cf55875dfb453750bf72834aff" PRIMARY KEY ("level", "site_id", "department", "day", "hour"))`);
    await queryRunner.query(`CREATE TABLE "review_rollup_marks" ("id" BIGSERIAL NOT NULL, "site_id" uuid NOT NULL, "day" date NOT NULL, CONSTRAINT "PK_42b36abde04fa41673aff91d863" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "reviews" ADD "excluded" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reviews" DROP COLUMN "excluded"`);
    await queryRunner.query(`DROP TABLE "review_rollup_marks"`);
    await queryRunner.query(`DROP TABLE "review_hourly_rollups"`);
    await queryRunner.query(`DROP TABLE "review_daily_rollups"`);
    await queryRunner.query(`DROP INDEX "public"."idx_review_audit_site_at"`);
    await queryRunner.query(`DROP TABLE "review_audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."idx_review_appeals_site_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_review_appeals_review"`);
    await queryRunner.query(`DROP TABLE "review_appeals"`);
    await queryRunner.query(`DROP INDEX "public"."uq_follow_up_cases_source"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_cases_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_cases_site_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_cases_scheduled"`);
    await queryRunner.query(`DROP TABLE "follow_up_cases"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_actions_case"`);
    await queryRunner.query(`DROP INDEX "public"."uq_follow_up_actions_dedupe"`);
    await queryRunner.query(`DROP TABLE "follow_up_actions"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
  }
}
