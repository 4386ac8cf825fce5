import { MigrationInterface, QueryRunner } from 'typeorm';

// Patrol kept its own holiday calendar beside the working calendar of the follow-ups; it now
// reads the one calendar, so each site's patrol days become that site's own entries.
export class MergePatrolCalendar1795716300000 implements MigrationInterface {
  name = 'MergePatrolCalendar1795716300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An entry the site already has in the working calendar was set there on purpose: it stays.
    await queryRunner.query(
      `INSERT INTO "calendar_days" ("scope", "day", "kind", "name", "updated_at")
       SELECT "site_id"::text, "day", "kind", COALESCE("name", ''), now() FROM "patrol_calendar_days"
       ON CONFLICT ("scope", "day") DO NOTHING`,
    );
    await queryRunner.query(`DROP TABLE "patrol_calendar_days"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "patrol_calendar_days" ("site_id" uuid NOT NULL, "day" date NOT NULL, "kind" character varying(16) NOT NULL, "name" text, CONSTRAINT "PK_3bf15bc8193c7a1c85067181d3d" PRIMARY KEY ("site_id", "day"))`);
    // Every site-scoped entry goes back, since patrol read none of the others; they also stay in
    // the working calendar, whose deadlines were counted with them.
    await queryRunner.query(
      `INSERT INTO "patrol_calendar_days" ("site_id", "day", "kind", "name")
       SELECT s."id", c."day", c."kind", NULLIF(c."name", '') FROM "calendar_days" c JOIN "sites" s ON s."id"::text = c."scope"`,
    );
  }
}
