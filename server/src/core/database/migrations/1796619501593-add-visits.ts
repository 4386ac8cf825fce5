import { MigrationInterface, QueryRunner } from 'typeorm';

// Field and mystery visits to the town centres and villages (items 23, 46); their findings are sent
// as the same 督查告知书 as patrol's, so a notice now says where its finding came from and, for a
// visit's, which town centre it is addressed to.
export class AddVisits1796619501593 implements MigrationInterface {
  name = 'AddVisits1796619501593';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "visit_findings" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "visit_id" uuid NOT NULL, "point" character varying(64), "text" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_604f2d8f179541425938c3e39e4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_visit_findings_visit" ON "visit_findings"  ("visit_id") `);
    await queryRunner.query(`CREATE TABLE "visit_photos" ("visit_id" uuid NOT NULL, "point" character varying(64) NOT NULL, "type" character varying(32) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "bytes" bytea NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6403fede7e420bf19ca353fc159" PRIMARY KEY ("visit_id", "point"))`);
    await queryRunner.query(`CREATE TABLE "visit_checks" ("visit_id" uuid NOT NULL, "point" character varying(64) NOT NULL, "label" text NOT NULL, "label_en" text, "result" character varying(8) NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" character varying(64) NOT NULL, CONSTRAINT "PK_4b5b79ac69369c3d82afa128284" PRIMARY KEY ("visit_id", "point"))`);
    await queryRunner.query(`CREATE TABLE "visit_points" ("site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "label" text NOT NULL, "label_en" text, "position" integer NOT NULL, CONSTRAINT "PK_4e5c6d75ae2c7c95f9b92b80d0f" PRIMARY KEY ("site_id", "code"))`);
    await queryRunner.query(`CREATE TABLE "visits" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "office_site_id" uuid NOT NULL, "site_id" uuid NOT NULL, "town_site_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "planned_on" date NOT NULL, "assignee" character varying(64) NOT NULL, "planned_by" character varying(64) NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'planned', "started_at" TIMESTAMP WITH TIME ZONE, "started_by" character varying(64), "finished_at" TIMESTAMP WITH TIME ZONE, "finished_by" character varying(64), "summary" text, "waited_min" integer, "served_correctly" boolean, "experience" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b0b322289a41015c6ea4e8bf30" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_visits_site_day" ON "visits"  ("site_id", "planned_on") `);
    await queryRunner.query(`CREATE INDEX "idx_visits_office_day" ON "visits"  ("office_site_id", "planned_on") `);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "source" character varying(8) NOT NULL DEFAULT 'patrol'`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "addressee_site_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "addressee_site_id"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "source"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visits_office_day"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visits_site_day"`);
    await queryRunner.query(`DROP TABLE "visits"`);
    await queryRunner.query(`DROP TABLE "visit_points"`);
    await queryRunner.query(`DROP TABLE "visit_checks"`);
    await queryRunner.query(`DROP TABLE "visit_photos"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_findings_visit"`);
    await queryRunner.query(`DROP TABLE "visit_findings"`);
  }
}
