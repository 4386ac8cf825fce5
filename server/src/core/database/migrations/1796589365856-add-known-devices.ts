import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddKnownDevices1796589365856 implements MigrationInterface {
  name = 'AddKnownDevices1796589365856';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "known_devices" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "device_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_f1337dfd94ae70a64a4c50e52ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d9a6114b7ed25643fda1abe73e" ON "known_devices"  ("user_id", "device_hash") `);
    await queryRunner.query(`ALTER TABLE "known_devices" ADD CONSTRAINT "FK_9a86826243304385e7b1185bfe7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "known_devices" DROP CONSTRAINT "FK_9a86826243304385e7b1185bfe7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d9a6114b7ed25643fda1abe73e"`);
    await queryRunner.query(`DROP TABLE "known_devices"`);
  }
}
