import { MigrationInterface, QueryRunner } from 'typeorm';

// A rotated checkpoint code keeps confirming checks dated before its rotation (an offline phone
// holds them); the codes in force today need no row here: their span starts at null.

export class AddPatrolRetiredCodes1796596961221 implements MigrationInterface {
  name = 'AddPatrolRetiredCodes1796596961221';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_retired_codes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "checkpoint_id" uuid NOT NULL, "scan_code" character varying(16) NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8ac023ef1f74aefb73809e7562e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_patrol_retired_codes_checkpoint" ON "patrol_retired_codes"  ("checkpoint_id", "scan_code") `);
    await queryRunner.query(`ALTER TABLE "patrol_checkpoints" ADD "scan_code_since" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_checkpoints" DROP COLUMN "scan_code_since"`);
    await queryRunner.query(`DROP INDEX "public"."idx_patrol_retired_codes_checkpoint"`);
    await queryRunner.query(`DROP TABLE "patrol_retired_codes"`);
  }
}
