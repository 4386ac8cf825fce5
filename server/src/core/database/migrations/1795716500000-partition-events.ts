import { MigrationInterface, QueryRunner } from 'typeorm';

/** How many hash partitions the events table has. Changing it means rewriting the table. */
export const EVENT_PARTITIONS = 16;

const COLUMNS = `"site_id" uuid NOT NULL, "id" character varying(64) NOT NULL, "type" character varying(32) NOT NULL,
  "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "service_day" date NOT NULL, "ticket" character varying(64), "data" jsonb NOT NULL,
  "unknown_refs" text array NOT NULL DEFAULT '{}'`;
const PK = 'PK_b6dd8fdec35d1e81c8be10134f3';
const COPY = `INSERT INTO "events" SELECT site_id, id, type, occurred_at, received_at, service_day, ticket, data, unknown_refs FROM "events_old"`;

/**
 * The events table of a city deployment (docs/contracts/reliability.md: every district's hall, town centres and
 * village stations on one PostgreSQL) split by site into hash partitions. By site, not by day:
 * the idempotency key of docs/contracts/device-events.md is (site, id) across all time, and a primary key can only be
 * kept unique across partitions when it holds the partition key — a day-partitioned table would
 * store an id resent with another day's time twice. Every read names its site, so each reads
 * one partition; the write, index and vacuum load of many sites is spread over as many heaps.
 */
export class PartitionEvents1795716500000 implements MigrationInterface {
  name = 'PartitionEvents1795716500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.renameOld(queryRunner);
    await queryRunner.query(`CREATE TABLE "events" (${COLUMNS}, CONSTRAINT "${PK}" PRIMARY KEY ("site_id", "id")) PARTITION BY HASH ("site_id")`);
    for (let i = 0; i < EVENT_PARTITIONS; i++)
      await queryRunner.query(
        `CREATE TABLE "events_p${String(i).padStart(2, '0')}" PARTITION OF "events" FOR VALUES WITH (MODULUS ${EVENT_PARTITIONS}, REMAINDER ${i})`,
      );
    await this.createIndexes(queryRunner);
    await queryRunner.query(COPY);
    await queryRunner.query(`DROP TABLE "events_old"`);
    await queryRunner.query(`ANALYZE "events"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.renameOld(queryRunner);
    await queryRunner.query(`CREATE TABLE "events" (${COLUMNS}, CONSTRAINT "${PK}" PRIMARY KEY ("site_id", "id"))`);
    await this.createIndexes(queryRunner);
    await queryRunner.query(COPY);
    await queryRunner.query(`DROP TABLE "events_old"`);
  }

  private async renameOld(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" RENAME TO "events_old"`);
    await queryRunner.query(`ALTER TABLE "events_old" RENAME CONSTRAINT "${PK}" TO "events_old_pkey"`);
    await queryRunner.query(`ALTER INDEX "idx_events_ticket" RENAME TO "idx_events_old_ticket"`);
    await queryRunner.query(`ALTER INDEX "idx_events_site_day_type" RENAME TO "idx_events_old_site_day_type"`);
  }

  private async createIndexes(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_events_ticket" ON "events" ("site_id", "service_day", "ticket") WHERE ticket IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_events_site_day_type" ON "events" ("site_id", "service_day", "type")`);
  }
}
