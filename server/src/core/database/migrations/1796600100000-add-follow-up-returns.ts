import { MigrationInterface, QueryRunner } from 'typeorm';

// A complaint's work order can be sent back to its platform (退单) with a reason, and the
// platform's closing or withdrawal of the order closes the follow-up case; existing cases have neither.
export class AddFollowUpReturns1796600100000 implements MigrationInterface {
  name = 'AddFollowUpReturns1796600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "returned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "returned_by" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "return_reason" text`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" ADD "platform_closed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "platform_closed_at"`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "return_reason"`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "returned_by"`);
    await queryRunner.query(`ALTER TABLE "follow_up_cases" DROP COLUMN "returned_at"`);
  }
}
