import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795704309410 implements MigrationInterface {
  name = 'Initial1795704309410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "name" text NOT NULL, "name_en" text, "wait_target_sec" integer, CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fd444a0fe8c22379f3860a4f66" ON "departments"  ("site_id", "code") `);
    await queryRunner.query(`CREATE TABLE "windows" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "number" integer, "department_code" character varying(64), "kind" character varying(24) NOT NULL DEFAULT 'general', "is_open" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_766fb937641c7c12a272250417f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_74c4ef86724bd1b7848cb8f7a4" ON "windows"  ("site_id", "code") `);
    await queryRunner.query(`CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "name_en" text, "tier" character varying(16) NOT NULL, "parent_id" uuid, "timezone" text NOT NULL DEFAULT 'Asia/Shanghai', "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dde6621eadc0c9c9621360ec66" ON "sites"  ("code") `);
    await queryRunner.query(`CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "name" text NOT NULL, "department_code" character varying(64), "on_roster" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b37e9e4dec1ea838b1289d88b3" ON "staff"  ("site_id", "code") `);
    await queryRunner.query(`CREATE TABLE "device_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" text NOT NULL, "key_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7fbd52a229f3150677b6b908c3f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_be4dfff996959cacdd7ee7918d" ON "device_keys"  ("key_hash") `);
    await queryRunner.query(`CREATE TABLE "events" ("site_id" uuid NOT NULL, "id" character varying(64) NOT NULL, "type" character varying(32) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "service_day" date NOT NULL, "ticket" character varying(64), "data" jsonb NOT NULL, "unknown_refs" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_b6dd8fdec35d1e81c8be10134f3" PRIMARY KEY ("site_id", "id"))`);
    await queryRunner.query(`CREATE INDEX "idx_events_ticket" ON "events"  ("site_id", "service_day", "ticket") WHERE ticket IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_events_site_day_type" ON "events"  ("site_id", "service_day", "type") `);
    await queryRunner.query(`CREATE TABLE "complaints" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" character varying(24) NOT NULL, "summary" text NOT NULL, "department" character varying(64), "window" character varying(64), "staff" character varying(64), "phone_enc" text, "phone_masked" character varying(24), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_30c78cecccce4b6a632404e008c" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_complaints_site_open" ON "complaints"  ("site_id", "closed_at") `);
    await queryRunner.query(`CREATE TABLE "reviews" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "service_day" date NOT NULL, "rating" smallint NOT NULL, "channel" character varying(16) NOT NULL, "department" character varying(64) NOT NULL, "window" character varying(64), "staff" character varying(64), "ticket" character varying(64), "comment" text, "real_name" boolean NOT NULL DEFAULT false, "phone_enc" text, "phone_masked" character varying(24), "follow_up_open" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_132de9deb1838502eeec83b5ce7" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_reviews_site_day" ON "reviews"  ("site_id", "service_day") `);
    await queryRunner.query(`CREATE TABLE "staff_presence" ("site_id" uuid NOT NULL, "staff" character varying(64) NOT NULL, "window" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "reason" character varying(24), "since" TIMESTAMP WITH TIME ZONE NOT NULL, "event_id" character varying(64) NOT NULL, "last_signed_in_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_fcc5a8e3d23a53fe27be49ca53b" PRIMARY KEY ("site_id", "staff"))`);
    await queryRunner.query(`CREATE TABLE "ticket_waits" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "ticket" character varying(64) NOT NULL, "seq" integer NOT NULL, "department" character varying(64), "wait_from" TIMESTAMP WITH TIME ZONE NOT NULL, "called_at" TIMESTAMP WITH TIME ZONE, "abandoned" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_e99a9bb18356409e13751d22dbe" PRIMARY KEY ("site_id", "service_day", "ticket", "seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_ticket_waits_site_day_dept" ON "ticket_waits"  ("site_id", "service_day", "department") `);
    await queryRunner.query(`CREATE TABLE "tickets" ("site_id" uuid NOT NULL, "service_day" date NOT NULL, "ticket" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "department" character varying(64), "channel" character varying(16), "service_item" character varying(64), "issued_at" TIMESTAMP WITH TIME ZONE, "wait_from" TIMESTAMP WITH TIME ZONE, "first_called_at" TIMESTAMP WITH TIME ZONE, "last_called_at" TIMESTAMP WITH TIME ZONE, "call_count" integer NOT NULL DEFAULT '0', "window" character varying(64), "staff" character varying(64), "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(16), "transfer_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_db55d06d66c381d76f72b86a0ed" PRIMARY KEY ("site_id", "service_day", "ticket"))`);
    await queryRunner.query(`CREATE INDEX "idx_tickets_site_day_status" ON "tickets"  ("site_id", "service_day", "status") `);
    await queryRunner.query(`CREATE TABLE "unknown_references" ("site_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "code" character varying(64) NOT NULL, "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "event_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_d49ea48ae3968e3506fc7a3e14f" PRIMARY KEY ("site_id", "kind", "code"))`);
    await queryRunner.query(`CREATE TABLE "service_items" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "name" text NOT NULL, "department_code" character varying(64), "negative_list" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_7383c18e3c8e4956860b117728a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_46232eb1efef8fe46def192fcf" ON "service_items"  ("site_id", "code") `);
    await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_673a6a10548f6fe6ed363a80df2" FOREIGN KEY ("parent_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_673a6a10548f6fe6ed363a80df2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_46232eb1efef8fe46def192fcf"`);
    await queryRunner.query(`DROP TABLE "service_items"`);
    await queryRunner.query(`DROP TABLE "unknown_references"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tickets_site_day_status"`);
    await queryRunner.query(`DROP TABLE "tickets"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ticket_waits_site_day_dept"`);
    await queryRunner.query(`DROP TABLE "ticket_waits"`);
    await queryRunner.query(`DROP TABLE "staff_presence"`);
    await queryRunner.query(`DROP INDEX "public"."idx_reviews_site_day"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP INDEX "public"."idx_complaints_site_open"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_site_day_type"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_ticket"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_be4dfff996959cacdd7ee7918d"`);
    await queryRunner.query(`DROP TABLE "device_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b37e9e4dec1ea838b1289d88b3"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dde6621eadc0c9c9621360ec66"`);
    await queryRunner.query(`DROP TABLE "sites"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_74c4ef86724bd1b7848cb8f7a4"`);
    await queryRunner.query(`DROP TABLE "windows"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fd444a0fe8c22379f3860a4f66"`);
    await queryRunner.query(`DROP TABLE "departments"`);
  }
}
