import { MigrationInterface, QueryRunner } from 'typeorm';

// 督查告知书 numbers (文号) per site and year, and the office's acceptance or escalation of a notice.
// Notices issued before numbering are numbered in the order they were issued, with the default
// pattern, and each site's sequence continues after them.
export class AddNoticeNumbers1796607755217 implements MigrationInterface {
  name = 'AddNoticeNumbers1796607755217';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_notice_sequences" ("site_id" uuid NOT NULL, "year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_7d82a62b342062f7099573b8afa" PRIMARY KEY ("site_id", "year"))`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "number" character varying(160)`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "number_year" integer`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "number_seq" integer`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "accepted_by" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "escalated_by" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" ADD "escalation_note" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_patrol_notices_number" ON "patrol_notices"  ("site_id", "number_year", "number_seq") `);
    await queryRunner.query(`WITH numbered AS (
        SELECT n.id, s.name, extract(year FROM n.issued_at AT TIME ZONE s.timezone)::int AS year,
          row_number() OVER (PARTITION BY n.site_id, extract(year FROM n.issued_at AT TIME ZONE s.timezone) ORDER BY n.issued_at, n.id)::int AS seq
        FROM patrol_notices n JOIN sites s ON s.id = n.site_id)
      UPDATE patrol_notices n SET number_year = x.year, number_seq = x.seq, number = x.name || '督告〔' || x.year || '〕' || x.seq || '号'
      FROM numbered x WHERE x.id = n.id`);
    await queryRunner.query(`INSERT INTO patrol_notice_sequences (site_id, year, last)
      SELECT site_id, number_year, max(number_seq) FROM patrol_notices WHERE number_seq IS NOT NULL GROUP BY site_id, number_year`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_patrol_notices_number"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "escalation_note"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "escalated_by"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "accepted_by"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "accepted_at"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "number_seq"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "number_year"`);
    await queryRunner.query(`ALTER TABLE "patrol_notices" DROP COLUMN "number"`);
    await queryRunner.query(`DROP TABLE "patrol_notice_sequences"`);
  }
}
