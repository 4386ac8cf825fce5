import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One rating per visit (docs/contracts/reviews.md). Ratings already stored are settled the way
 * ingest now settles them: of the ratings of one ticket on one day, the earliest (by occurredAt,
 * then id) counts and the others move to rejected_ratings as already_rated. Moving them out of
 * `reviews` lets the live_* triggers take them out of the live counts, and the days touched are
 * marked for the rollups. A phone-only visit cannot be worked out here (the digest needs the
 * application's secret), so older ratings without a ticket keep no visit.
 */
export class SettleRatingVisits1796590949045 implements MigrationInterface {
  name = 'SettleRatingVisits1796590949045';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rejected_ratings" ("site_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "reason" character varying(32) NOT NULL, "field" character varying(32) NOT NULL, "visit" text NOT NULL, "counted_event_id" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "service_day" date NOT NULL, "rating" smallint NOT NULL, "channel" character varying(16) NOT NULL, "department" character varying(64) NOT NULL, "window" character varying(64), "ticket" character varying(64), "sent_by" character varying(80) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e44d592d302fac4a7171b720331" PRIMARY KEY ("site_id", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rejected_ratings_site_day" ON "rejected_ratings"  ("site_id", "service_day") `);
    await queryRunner.query(`ALTER TABLE "reviews" ADD "visit" text`);
    await queryRunner.query(`UPDATE reviews SET visit = 't:' || service_day::text || ':' || ticket WHERE ticket IS NOT NULL`);
    await queryRunner.query(
      `INSERT INTO rejected_ratings (site_id, event_id, reason, field, visit, counted_event_id, occurred_at, service_day, rating,
         channel, department, "window", ticket, sent_by, received_at)
       SELECT r.site_id, r.event_id, 'already_rated', 'data.ticket', r.visit, k.counted, r.occurred_at, r.service_day, r.rating,
         r.channel, r.department, r."window", r.ticket, 'migration', COALESCE(e.received_at, now())
       FROM (SELECT site_id, event_id, first_value(event_id) OVER w AS counted, row_number() OVER w AS n
             FROM reviews WHERE visit IS NOT NULL
             WINDOW w AS (PARTITION BY site_id, visit ORDER BY occurred_at, event_id)) k
       JOIN reviews r ON r.site_id = k.site_id AND r.event_id = k.event_id
       LEFT JOIN events e ON e.site_id = r.site_id AND e.id = r.event_id
       WHERE k.n > 1`,
    );
    // A case nobody has worked on goes with its rating; one with a call or a fix logged stays
    // on the desk for the record (it no longer counts anywhere: the rates read reviews).
    await queryRunner.query(
      `DELETE FROM follow_up_cases c USING rejected_ratings x
       WHERE x.sent_by = 'migration' AND c.kind = 'review' AND c.site_id = x.site_id AND c.source_id = x.event_id
         AND NOT EXISTS (SELECT 1 FROM follow_up_actions a WHERE a.case_id = c.id)`,
    );
    await queryRunner.query(
      `INSERT INTO review_rollup_marks (site_id, day) SELECT DISTINCT site_id, service_day FROM rejected_ratings WHERE sent_by = 'migration'`,
    );
    await queryRunner.query(
      `DELETE FROM reviews r USING rejected_ratings x WHERE x.sent_by = 'migration' AND r.site_id = x.site_id AND r.event_id = x.event_id`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_reviews_visit" ON "reviews"  ("site_id", "visit") WHERE visit IS NOT NULL`);
  }

  // The refused ratings stay in rejected_ratings' place only while it exists: undoing this
  // drops the record, it does not count them again.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_reviews_visit"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP COLUMN "visit"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rejected_ratings_site_day"`);
    await queryRunner.query(`DROP TABLE "rejected_ratings"`);
  }
}
