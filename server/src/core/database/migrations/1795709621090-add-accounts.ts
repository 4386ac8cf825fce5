import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAccounts1795709621090 implements MigrationInterface {
  name = 'AddAccounts1795709621090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(100) NOT NULL, "role" character varying(16), "action" character varying(64) NOT NULL, "target" character varying(300), "site" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', "address" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fe4e6c441dba9dfef6fcbbcf7c" ON "audit_log"  ("action", "address", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_0730c192755151dd3412490189" ON "audit_log"  ("site", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log"  ("at") `);
    await queryRunner.query(`CREATE TABLE "display_tokens" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "name" text NOT NULL, "token_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_72610231546d0d012e36c11faa1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_95b115cf7e0b5a15f2a826e4ff" ON "display_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "user_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(16), "address" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_e93e031a5fed190d4789b6bfd83" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6596adb3b8927b35bda97e734a" ON "user_sessions"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_3e787ff78acb929ea2b3b7d70a" ON "user_sessions"  ("user_id", "ended_at") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "username" character varying(64) NOT NULL, "role" character varying(16) NOT NULL, "all_sites" boolean NOT NULL DEFAULT false, "password_hash" text NOT NULL, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "must_change_password" boolean NOT NULL DEFAULT false, "failed_logins" integer NOT NULL DEFAULT '0', "last_failed_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users"  ("username") `);
    await queryRunner.query(`CREATE TABLE "user_sites" ("user_id" uuid NOT NULL, "site_id" uuid NOT NULL, CONSTRAINT "PK_fb40cfe04628e6adefbe90c1eb4" PRIMARY KEY ("user_id", "site_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_76a7e1a212a3784b96140b713b" ON "user_sites"  ("site_id") `);
    await queryRunner.query(`ALTER TABLE "device_keys" ADD "require_signature" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "user_sites" ADD CONSTRAINT "FK_876af02663eefdbbd607c736346" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_sites" ADD CONSTRAINT "FK_76a7e1a212a3784b96140b713ba" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Hand-written: audit_log is append-only for every role. UPDATE and TRUNCATE always raise;
    // DELETE only passes for rows past the 180-day retention floor, and only roles granted
    // DELETE (the maintenance role of `hallwatch db-roles`, not the application's) get that far.
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.at < now() - interval '180 days' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: entries younger than 180 days cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only_rows BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_append_only_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only_rows ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`ALTER TABLE "user_sites" DROP CONSTRAINT "FK_76a7e1a212a3784b96140b713ba"`);
    await queryRunner.query(`ALTER TABLE "user_sites" DROP CONSTRAINT "FK_876af02663eefdbbd607c736346"`);
    await queryRunner.query(`ALTER TABLE "device_keys" DROP COLUMN "require_signature"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_76a7e1a212a3784b96140b713b"`);
    await queryRunner.query(`DROP TABLE "user_sites"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fe0bb3f6520ee0469504521e71"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e787ff78acb929ea2b3b7d70a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6596adb3b8927b35bda97e734a"`);
    await queryRunner.query(`DROP TABLE "user_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95b115cf7e0b5a15f2a826e4ff"`);
    await queryRunner.query(`DROP TABLE "display_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba27cef5b8b2b1a756e06ebcc5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0730c192755151dd3412490189"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fe4e6c441dba9dfef6fcbbcf7c"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
