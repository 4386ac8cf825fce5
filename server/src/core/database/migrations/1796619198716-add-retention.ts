import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention policy (one row for the deployment) and the record of each purge run, so the admin
 * screen can show the policy and what the last run erased, and the archive files it wrote.
 */
export class AddRetention1796619198716 implements MigrationInterface {
  name = 'AddRetention1796619198716';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "retention_runs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "trigger" character varying(8) NOT NULL, "actor" character varying(100) NOT NULL, "phones" integer NOT NULL DEFAULT '0', "events" integer NOT NULL DEFAULT '0', "photos" integer NOT NULL DEFAULT '0', "files" text array NOT NULL DEFAULT '{}', "error" text, CONSTRAINT "PK_80f0aec401112f8d4bad156a908" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_retention_runs_started" ON "retention_runs"  ("started_at") `);
    await queryRunner.query(`CREATE TABLE "retention_settings" ("id" smallint NOT NULL, "phone_days" integer NOT NULL, "event_days" integer NOT NULL, "event_action" character varying(16) NOT NULL, "photo_days" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(100) NOT NULL, CONSTRAINT "PK_ba0941ea3e43235c88387d87aa8" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retention_settings"`);
    await queryRunner.query(`DROP INDEX "public"."idx_retention_runs_started"`);
    await queryRunner.query(`DROP TABLE "retention_runs"`);
  }
}
