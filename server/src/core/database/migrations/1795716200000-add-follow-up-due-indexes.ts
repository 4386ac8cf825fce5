import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFollowUpDueIndexes1795716200000 implements MigrationInterface {
  name = 'AddFollowUpDueIndexes1795716200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_follow_up_cases_open_contact_due" ON "follow_up_cases" ("site_id", "contact_due_at") WHERE status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation')`);
    await queryRunner.query(`CREATE INDEX "idx_follow_up_cases_open_resolve_due" ON "follow_up_cases" ("site_id", "resolve_due_at") WHERE status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_cases_open_resolve_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_follow_up_cases_open_contact_due"`);
  }
}
