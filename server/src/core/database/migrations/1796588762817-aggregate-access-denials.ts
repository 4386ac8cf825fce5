import { MigrationInterface, QueryRunner } from 'typeorm';

// The append-only rule of AddAccounts, with one opening: a refused-request row (one with a
// bucket) may have its count raised, and nothing else of it changed. Everything else as before.
const appendOnly = (updateRule: string) => `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.at < now() - interval '180 days' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: entries younger than 180 days cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
${updateRule}
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`;

const COUNT_ONLY = `  IF TG_OP = 'UPDATE' AND OLD.bucket IS NOT NULL AND NEW.count > OLD.count
     AND (NEW.id, NEW.at, NEW.actor, NEW.role, NEW.action, NEW.target, NEW.site, NEW.details, NEW.address, NEW.user_agent, NEW.bucket)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor, OLD.role, OLD.action, OLD.target, OLD.site, OLD.details, OLD.address, OLD.user_agent, OLD.bucket) THEN
    RETURN NEW;
  END IF;`;

export class AggregateAccessDenials1796588762817 implements MigrationInterface {
  name = 'AggregateAccessDenials1796588762817';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "count" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "bucket" character varying(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c0fe516abc6f0f31e8e3b2644b" ON "audit_log"  ("bucket") `);
    await queryRunner.query(appendOnly(COUNT_ONLY));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendOnly(''));
    await queryRunner.query(`DROP INDEX "public"."IDX_c0fe516abc6f0f31e8e3b2644b"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "bucket"`);
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "count"`);
  }
}
