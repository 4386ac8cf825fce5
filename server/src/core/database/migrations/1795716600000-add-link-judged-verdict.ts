import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLinkJudgedVerdict1795716600000 implements MigrationInterface {
  name = 'AddLinkJudgedVerdict1795716600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rectification_links" ADD "judged_verdict" character varying(8)`);
    // A run of missed days proves its last verdict; a pass and a day without data cannot be told apart afterwards.
    await queryRunner.query(
      `UPDATE "rectification_links" SET "judged_verdict" = 'fail' WHERE "judged_day" IS NOT NULL AND "failing_days" > 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rectification_links" DROP COLUMN "judged_verdict"`);
  }
}
