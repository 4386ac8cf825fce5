import { MigrationInterface, QueryRunner } from 'typeorm';

// Notification channels (DingTalk, WeCom, e-mail, webhook), one row per message to send and one
// per request made, so delivery survives restarts and Redis flushes (docs/notifications.md).
export class AddNotifyChannels1796619190462 implements MigrationInterface {
  name = 'AddNotifyChannels1796619190462';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notify_channels" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" character varying(80) NOT NULL, "kind" character varying(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "rate_per_minute" integer NOT NULL DEFAULT '20', "settings" jsonb NOT NULL DEFAULT '{}', "secret_box" text NOT NULL, "secret_hints" jsonb NOT NULL DEFAULT '{}', "health" character varying(16) NOT NULL DEFAULT 'unknown', "consecutive_failures" integer NOT NULL DEFAULT '0', "last_error" text, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE, "unhealthy_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(100) NOT NULL, CONSTRAINT "PK_32c4c66a64b2dc9f9d03907275d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_46f63ebc16392422763ac7665d" ON "notify_channels"  ("site_id") `);
    await queryRunner.query(`CREATE TABLE "notify_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean, "status" integer, "answer" text, "carried" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_f17ae7e3e41cebcbee8955bfd15" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_17460080b7bc0f592e58404d13" ON "notify_attempts"  ("delivery_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_488f456a2343a71bdcda4ce80d" ON "notify_attempts"  ("channel_id", "at") `);
    await queryRunner.query(`CREATE TABLE "notify_deliveries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "channel_id" uuid NOT NULL, "site_id" uuid, "topic" character varying(64) NOT NULL, "message" jsonb NOT NULL, "dedupe_key" character varying(200), "state" character varying(16) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_status" integer, "last_answer" text, "batch_id" uuid, "sending_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a4c42c428dd9fae8f2ce694e3c7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a40c801773fe4b76f6b1ab6f2f" ON "notify_deliveries"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_117994136fd340d830618b2197" ON "notify_deliveries"  ("state", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_f5aa8a514278b6c1930ec00929" ON "notify_deliveries"  ("channel_id", "created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_f5aa8a514278b6c1930ec00929"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_117994136fd340d830618b2197"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a40c801773fe4b76f6b1ab6f2f"`);
    await queryRunner.query(`DROP TABLE "notify_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_488f456a2343a71bdcda4ce80d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_17460080b7bc0f592e58404d13"`);
    await queryRunner.query(`DROP TABLE "notify_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_46f63ebc16392422763ac7665d"`);
    await queryRunner.query(`DROP TABLE "notify_channels"`);
  }
}
