import { MigrationInterface, QueryRunner } from 'typeorm';

// The office's generated documents (the monthly report, the draft of the next 整改情况 report), kept with their bytes.
export class AddOfficeReports1796619193381 implements MigrationInterface {
  name = 'AddOfficeReports1796619193381';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "office_reports" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "lang" character varying(2) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "month" character varying(7), "report_ref" character varying(64), "title" text NOT NULL, "file_name" text NOT NULL, "size" integer NOT NULL, "bytes" bytea NOT NULL, "trigger" character varying(8) NOT NULL, "created_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cc65341349aece1cc1435ad684c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_office_reports_site" ON "office_reports"  ("site_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "office_reports" ADD CONSTRAINT "FK_20fef569b98acc0670a81de13e6" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "office_reports" DROP CONSTRAINT "FK_20fef569b98acc0670a81de13e6"`);
    await queryRunner.query(`DROP INDEX "public"."idx_office_reports_site"`);
    await queryRunner.query(`DROP TABLE "office_reports"`);
  }
}
