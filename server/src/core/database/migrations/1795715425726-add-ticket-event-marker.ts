import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTicketEventMarker1795715425726 implements MigrationInterface {
  name = 'AddTicketEventMarker1795715425726';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets" ADD "event_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "last_event_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "last_event_type" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "last_event_id" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "last_event_id"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "last_event_type"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "last_event_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "event_count"`);
  }
}
