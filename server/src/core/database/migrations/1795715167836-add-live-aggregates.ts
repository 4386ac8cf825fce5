import { MigrationInterface, QueryRunner } from 'typeorm';
import { LIVE_AGGREGATES_DOWN, LIVE_AGGREGATES_UP } from './live-aggregate-triggers';

export class AddLiveAggregates1795715167836 implements MigrationInterface {
  name = 'AddLiveAggregates1795715167836';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "live_day_counts" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "department" character varying(64) NOT NULL, "served" integer NOT NULL DEFAULT '0', "called" integer NOT NULL DEFAULT '0', "no_show" integer NOT NULL DEFAULT '0', "reviews" integer NOT NULL DEFAULT '0', "good" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_4855e4747ca4edfebb217b66c9d" PRIMARY KEY ("site_id", "service_day", "department"))`);
    await queryRunner.query(`CREATE TABLE "live_wait_minutes" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "department" character varying(64) NOT NULL, "minute" integer NOT NULL, "n" integer NOT NULL DEFAULT '0', "total_sec" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_478936bc8dc4c4824e5acd6ddfa" PRIMARY KEY ("site_id", "service_day", "department", "minute"))`);
    await queryRunner.query(`CREATE TABLE "live_wait_seconds" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "department" character varying(64) NOT NULL, "secs" integer NOT NULL, "n" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_fc8f5cc5b1e8cc14b73ab7b8fc1" PRIMARY KEY ("site_id", "service_day", "department", "secs"))`);
    await queryRunner.query(`CREATE TABLE "live_window_counts" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "window" character varying(64) NOT NULL, "done" integer NOT NULL DEFAULT '0', "finished" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3e366845eb69f890f697f70a323" PRIMARY KEY ("site_id", "service_day", "window"))`);
    await queryRunner.query(`CREATE INDEX "idx_reviews_open_follow_up" ON "reviews"  ("site_id", "department") WHERE follow_up_open`);
    await queryRunner.query(`CREATE INDEX "idx_tickets_window_ended" ON "tickets"  ("site_id", "service_day", "window", "ended_at") WHERE status IN ('done', 'no_show')`);
    await queryRunner.query(`CREATE INDEX "idx_tickets_latest_done" ON "tickets"  ("site_id", "service_day", "department", "ended_at", "ticket") WHERE status = 'done'`);
    for (const sql of LIVE_AGGREGATES_UP) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of LIVE_AGGREGATES_DOWN) await queryRunner.query(sql);
    await queryRunner.query(`DROP INDEX "public"."idx_tickets_latest_done"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tickets_window_ended"`);
    await queryRunner.query(`DROP INDEX "public"."idx_reviews_open_follow_up"`);
    await queryRunner.query(`DROP TABLE "live_window_counts"`);
    await queryRunner.query(`DROP TABLE "live_wait_seconds"`);
    await queryRunner.query(`DROP TABLE "live_wait_minutes"`);
    await queryRunner.query(`DROP TABLE "live_day_counts"`);
  }
}
