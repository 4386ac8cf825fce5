import { MigrationInterface, QueryRunner } from 'typeorm';

// 回访核实: every closure of a follow-up with its draw for a second callback and the citizen's
// answer; a case reopened by a callback that did not confirm it, and what that callback found.
export class AddCallbackChecks1796599244186 implements MigrationInterface {
  name = 'AddCallbackChecks1796599244186';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "callback_checks" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "case_id" uuid NOT NULL, "department" character varying(64), "handler" character varying(64) NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "draw_value" double precision NOT NULL, "share" double precision NOT NULL, "drawn_at" TIMESTAMP WITH TIME ZONE, "drawn_day" date, "reason" character varying(16), "answer" character varying(24), "note" text, "called_at" TIMESTAMP WITH TIME ZONE, "verified_by" character varying(64), "verified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_192e600b941f89f41a181b94c6f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_callback_checks_site_drawn" ON "callback_checks"  ("site_id", "drawn_day") WHERE drawn_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_callback_checks_site_closed" ON "callback_checks"  ("site_id", "closed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_callback_checks_closure" ON "callback_checks"  ("case_id", "closed_at") `);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "reopened_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "disproved" character varying(24)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "disproved"`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "reopened_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_callback_checks_closure"`);
    await queryRunner.query(`DROP INDEX "public"."idx_callback_checks_site_closed"`);
    await queryRunner.query(`DROP INDEX "public"."idx_callback_checks_site_drawn"`);
    await queryRunner.query(`DROP TABLE "callback_checks"`);
  }
}
