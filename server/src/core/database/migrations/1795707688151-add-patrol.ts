import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPatrol1795707688151 implements MigrationInterface {
  name = 'AddPatrol1795707688151';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_applied_events" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89bd2f6f9f5fea9e6bd58fc97a0" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE TABLE "patrol_calendar_days" ("site_id" uuid NOT NULL, "day" date NOT NULL, "kind" character varying(16) NOT NULL, "name" text, CONSTRAINT "PK_3bf15bc8193c7a1c85067181d3d" PRIMARY KEY ("site_id", "day"))`);
    await queryRunner.query(`CREATE TABLE "patrol_checks" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "round_id" uuid NOT NULL, "checkpoint" character varying(64) NOT NULL, "result" character varying(16) NOT NULL, "department" character varying(64), "window" character varying(64), "severity" character varying(8), "note" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_063bd83b0cded44b2fbb14beb32" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_checks_round" ON "patrol_checks"  ("round_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "patrol_checkpoints" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "label" text NOT NULL, "label_en" text, "items" integer array NOT NULL DEFAULT '{}', "deduct_points" integer NOT NULL DEFAULT '1', "position" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_90c379ff1b8de2a15a27e45f5d2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e5bf214f57927983fd907cbde" ON "patrol_checkpoints"  ("site_id", "code") `);
    await queryRunner.query(`CREATE TABLE "patrol_deductions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "finding_id" uuid NOT NULL, "department" character varying(64) NOT NULL, "month" character(7) NOT NULL, "points" integer NOT NULL, "reason" text, "items" integer array NOT NULL DEFAULT '{}', "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_by" character varying(64) NOT NULL, CONSTRAINT "PK_e2c71a4eab743c86857ff21ffc8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_deductions_month" ON "patrol_deductions"  ("site_id", "month") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_deductions_finding" ON "patrol_deductions"  ("finding_id") `);
    await queryRunner.query(`CREATE TABLE "patrol_findings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "check_event_id" character varying(64) NOT NULL, "round_id" uuid NOT NULL, "day" date NOT NULL, "checkpoint" character varying(64) NOT NULL, "items" integer array NOT NULL DEFAULT '{}', "department" character varying(64), "window" character varying(64), "severity" character varying(8), "note" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" text, "resolved_by" character varying(64), CONSTRAINT "PK_ef52e0e2ef689d9a138e6a8b470" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_findings_status" ON "patrol_findings"  ("site_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_findings_check" ON "patrol_findings"  ("site_id", "check_event_id") `);
    await queryRunner.query(`CREATE TABLE "patrol_notices" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "client_id" character varying(64) NOT NULL, "finding_id" uuid NOT NULL, "department" character varying(64) NOT NULL, "text" text, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by" character varying(64) NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "remind_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "reminded_at" TIMESTAMP WITH TIME ZONE, "escalated_at" TIMESTAMP WITH TIME ZONE, "reply" text, "replied_at" TIMESTAMP WITH TIME ZONE, "replied_by" character varying(64), CONSTRAINT "PK_99ed09b67a6f93d25c109fd4f17" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_notices_status" ON "patrol_notices"  ("site_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_notices_finding" ON "patrol_notices"  ("finding_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_notices_client" ON "patrol_notices"  ("site_id", "client_id") `);
    await queryRunner.query(`CREATE TABLE "patrol_photos" ("site_id" uuid NOT NULL, "check_event_id" character varying(64) NOT NULL, "type" character varying(32) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "bytes" bytea NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_81ded2b7cefd78585ce7b90e5dd" PRIMARY KEY ("site_id", "check_event_id"))`);
    await queryRunner.query(`CREATE TABLE "patrol_rounds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "day" date NOT NULL, "slot" smallint NOT NULL, "code" character varying(32) NOT NULL, "time" character varying(5) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "overdue_at" TIMESTAMP WITH TIME ZONE NOT NULL, "missed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'scheduled', "started_at" TIMESTAMP WITH TIME ZONE, "started_by" character varying(64), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" character varying(64), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2273c104150ae2cb78997b9ba22" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_rounds_open" ON "patrol_rounds"  ("site_id", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_rounds_code" ON "patrol_rounds"  ("site_id", "code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_rounds_slot" ON "patrol_rounds"  ("site_id", "day", "slot") `);
    await queryRunner.query(`CREATE TABLE "patrol_schedules" ("site_id" uuid NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "times" character varying(5) array NOT NULL, "weekdays" smallint array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8e7b6787600f623a99c5a9eb6a" PRIMARY KEY ("site_id"))`);
    await queryRunner.query(`CREATE TABLE "patrol_steps" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "subject" character varying(16) NOT NULL, "subject_id" uuid NOT NULL, "step" character varying(16) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fe8f84c98403a1ec2b930a683ae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_steps" ON "patrol_steps"  ("subject", "subject_id", "step") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_steps"`);
    await queryRunner.query(`DROP TABLE "patrol_steps"`);
    await queryRunner.query(`DROP TABLE "patrol_schedules"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_rounds_slot"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_rounds_code"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_rounds_open"`);
    await queryRunner.query(`DROP TABLE "patrol_rounds"`);
    await queryRunner.query(`DROP TABLE "patrol_photos"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_notices_client"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_notices_finding"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_notices_status"`);
    await queryRunner.query(`DROP TABLE "patrol_notices"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_findings_check"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_findings_status"`);
    await queryRunner.query(`DROP TABLE "patrol_findings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_deductions_finding"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_deductions_month"`);
    await queryRunner.query(`DROP TABLE "patrol_deductions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e5bf214f57927983fd907cbde"`);
    await queryRunner.query(`DROP TABLE "patrol_checkpoints"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_checks_round"`);
    await queryRunner.query(`DROP TABLE "patrol_checks"`);
    await queryRunner.query(`DROP TABLE "patrol_calendar_days"`);
    await queryRunner.query(`DROP TABLE "patrol_applied_events"`);
  }
}
