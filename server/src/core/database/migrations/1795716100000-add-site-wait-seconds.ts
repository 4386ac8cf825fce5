import { MigrationInterface, QueryRunner } from 'typeorm';
import { SITE_WAIT_SECONDS_DOWN, SITE_WAIT_SECONDS_UP } from './live-aggregate-triggers';

export class AddSiteWaitSeconds1795716100000 implements MigrationInterface {
  name = 'AddSiteWaitSeconds1795716100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "live_site_wait_seconds" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "secs" integer NOT NULL, "n" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_289c0319f1d30f36553e5cd3c31" PRIMARY KEY ("site_id", "service_day", "secs"))`);
    for (const sql of SITE_WAIT_SECONDS_UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of SITE_WAIT_SECONDS_DOWN) await queryRunner.query(sql);
    await queryRunner.query(`DROP TABLE "live_site_wait_seconds"`);
  }
}
