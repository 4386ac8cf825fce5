import { MigrationInterface, QueryRunner } from 'typeorm';

// What a published report states: each item's status as the report words it, and its dated
// measures kept as evidence from the report. An item whose status the office has already
// changed (its history says so) keeps it: an import will not set it again.
export class AddReportEvidence1796611201324 implements MigrationInterface {
  name = 'AddReportEvidence1796611201324';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rectification_evidence" ADD "source" character varying(8) NOT NULL DEFAULT 'office'`);
    await queryRunner.query(`ALTER TABLE "rectification_evidence" ADD "source_line" integer`);
    await queryRunner.query(`ALTER TABLE "rectification_items" ADD "status_set_by" character varying(8) NOT NULL DEFAULT 'report'`);
    await queryRunner.query(`ALTER TABLE "rectification_items" ADD "stated_status" jsonb`);
    await queryRunner.query(
      `UPDATE "rectification_items" i SET "status_set_by" = 'office'
       WHERE EXISTS (SELECT 1 FROM "rectification_history" h WHERE h."item_id" = i."id" AND h."field" = 'status')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rectification_items" DROP COLUMN "stated_status"`);
    await queryRunner.query(`ALTER TABLE "rectification_items" DROP COLUMN "status_set_by"`);
    await queryRunner.query(`ALTER TABLE "rectification_evidence" DROP COLUMN "source_line"`);
    await queryRunner.query(`ALTER TABLE "rectification_evidence" DROP COLUMN "source"`);
  }
}
