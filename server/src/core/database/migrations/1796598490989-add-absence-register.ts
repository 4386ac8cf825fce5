import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAbsenceRegister1796598490989 implements MigrationInterface {
  name = 'AddAbsenceRegister1796598490989';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "absence_entries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "staff" character varying(64) NOT NULL, "department" character varying(64), "kind" character varying(24) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "state" character varying(12) NOT NULL, "filed_by" character varying(100) NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by" character varying(100), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "returned_at" TIMESTAMP WITH TIME ZONE, "returned_by" character varying(100), "cancelled_by" character varying(100), "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_note" text, CONSTRAINT "PK_64a3b3cbf4b3076e5553c66737b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_absence_entries_site_staff" ON "absence_entries"  ("site_id", "staff") `);
    await queryRunner.query(`CREATE INDEX "idx_absence_entries_site_starts" ON "absence_entries"  ("site_id", "starts_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_absence_entries_site_starts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_absence_entries_site_staff"`);
    await queryRunner.query(`DROP TABLE "absence_entries"`);
  }
}
