import { MigrationInterface, QueryRunner } from 'typeorm';

// Complaints that come as a platform's work order (the 12345 hotline) keep its number and time
// limits, and the platform's later changes to the order are kept whole, so that the limits in
// force can be derived whatever order the changes arrive in. Existing complaints have none.

export class AddComplaintWorkOrders1796598783993 implements MigrationInterface {
  name = 'AddComplaintWorkOrders1796598783993';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "complaint_order_updates" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "work_order" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "change" character varying(16) NOT NULL, "sign_by" TIMESTAMP WITH TIME ZONE, "close_by" TIMESTAMP WITH TIME ZONE, "note" text, CONSTRAINT "PK_13b8c8b760b37a39bf4228fbdd8" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_complaint_order_updates_order" ON "complaint_order_updates"  ("site_id", "work_order") `);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "work_order" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "first_sign_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "first_close_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "sign_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "close_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "platform_status" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "complaints" ADD "platform_changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_complaints_work_order" ON "complaints"  ("site_id", "work_order") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_complaints_work_order"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "platform_changed_at"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "platform_status"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "close_by"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "sign_by"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "first_close_by"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "first_sign_by"`);
    await queryRunner.query(`ALTER TABLE "complaints" DROP COLUMN "work_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_complaint_order_updates_order"`);
    await queryRunner.query(`DROP TABLE "complaint_order_updates"`);
  }
}
