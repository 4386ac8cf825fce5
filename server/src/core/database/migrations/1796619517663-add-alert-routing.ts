import { MigrationInterface, QueryRunner } from 'typeorm';

// Which alerts reach whom: the rules and people admins keep, the alerts standing at each site as
// routing last judged them, and every message routing decided (sent, or held through quiet hours).
export class AddAlertRouting1796619517663 implements MigrationInterface {
  name = 'AddAlertRouting1796619517663';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_dispatches" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "dedupe_key" character varying(300) NOT NULL, "rule_id" uuid, "site_id" uuid NOT NULL, "channel_id" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "held_until" TIMESTAMP WITH TIME ZONE, "message" jsonb NOT NULL, "delivery_id" character varying(64), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e508aee9ac77ff2fc70dd52e113" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_alert_dispatches_key" ON "alert_dispatches"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "idx_alert_dispatches_site_at" ON "alert_dispatches"  ("site_id", "at") `);
    await queryRunner.query(`CREATE INDEX "idx_alert_dispatches_held" ON "alert_dispatches"  ("held_until") WHERE state = 'held'`);
    await queryRunner.query(`CREATE TABLE "alert_recipients" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "department" character varying(64), "name" text NOT NULL, "duty" character varying(16) NOT NULL DEFAULT 'member', "mobile" character varying(20), "user_id" character varying(64), "email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_022f61dde86e7e7dad30c4a2d29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_alert_recipients_site" ON "alert_recipients"  ("site_id", "department") `);
    await queryRunner.query(`CREATE TABLE "alert_rules" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "scope" character varying(16) NOT NULL DEFAULT 'site', "kinds" text array NOT NULL DEFAULT '{}', "min_severity" character varying(16) NOT NULL DEFAULT 'warning', "channel_id" character varying(64) NOT NULL, "recipient_ids" uuid array NOT NULL DEFAULT '{}', "quiet_from" character varying(5), "quiet_to" character varying(5), "send_cleared" boolean NOT NULL DEFAULT true, "digests" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae580564f087ffab9d229225aec" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_alert_rules_site" ON "alert_rules"  ("site_id") `);
    await queryRunner.query(`CREATE TABLE "alert_states" ("site_id" uuid NOT NULL, "alert_id" character varying(200) NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, "severity" character varying(16) NOT NULL, "alert" jsonb NOT NULL, CONSTRAINT "PK_cf07939dc1dd6ac19253ce6e5c4" PRIMARY KEY ("site_id", "alert_id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_states"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_rules_site"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_recipients_site"`);
    await queryRunner.query(`DROP TABLE "alert_recipients"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_dispatches_held"`);
    await queryRunner.query(`DROP INDEX "public"."idx_alert_dispatches_site_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_alert_dispatches_key"`);
    await queryRunner.query(`DROP TABLE "alert_dispatches"`);
  }
}
