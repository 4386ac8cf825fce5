import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRectification1795706625375 implements MigrationInterface {
  name = 'AddRectification1795706625375';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rectification_reports" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "site_id" uuid NOT NULL, "ref" character varying(64) NOT NULL, "source_name" text NOT NULL, "stated_count" integer, "stated_count_line" integer, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "import_count" integer NOT NULL DEFAULT '1', "findings" jsonb NOT NULL, CONSTRAINT "PK_354d6fc3e644af184f2ae3a4f03" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_933c8f1e6834e003e5bc44f3f1" ON "rectification_reports"  ("site_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "rectification_items" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "report_id" uuid NOT NULL, "site_id" uuid NOT NULL, "key" character varying(64) NOT NULL, "number" integer NOT NULL, "part_ordinal" integer, "section_ordinal" integer, "section_numeral" character varying(8), "section_title" text, "subsection_ordinal" integer, "subsection_title" text, "problem" text NOT NULL, "measures" jsonb NOT NULL DEFAULT '[]', "remarks" jsonb NOT NULL DEFAULT '[]', "figures" jsonb NOT NULL DEFAULT '[]', "source_line" integer NOT NULL, "end_line" integer NOT NULL, "inferred_note" text, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'in_progress', "responsible_department" text, "deadline" date, "rectified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_527960ea1d28a9f9cfa086ba1e6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rectification_items_site" ON "rectification_items"  ("site_id", "number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2e58621500e79ff6dae0bcae22" ON "rectification_items"  ("report_id", "key") `);
    await queryRunner.query(`CREATE TABLE "rectification_evidence" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "item_id" uuid NOT NULL, "date" date NOT NULL, "text" text NOT NULL, "attachment_name" text, "attachment_type" character varying(100), "attachment_size" integer, "attachment" bytea, "created_by" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_68a17855978004e6b36d893c5bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rectification_evidence_item" ON "rectification_evidence"  ("item_id", "date") `);
    await queryRunner.query(`CREATE TABLE "rectification_history" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "item_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(64) NOT NULL, "field" character varying(64) NOT NULL, "old_value" text, "new_value" text, CONSTRAINT "PK_fe348d928278b8872da97bafa6c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rectification_history_item" ON "rectification_history"  ("item_id", "at") `);
    await queryRunner.query(`CREATE TABLE "rectification_links" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "item_id" uuid NOT NULL, "indicator" character varying(48) NOT NULL, "comparator" character varying(2) NOT NULL, "target" double precision NOT NULL, "window" character varying(8) NOT NULL, "department" character varying(64) NOT NULL DEFAULT '', "origin" character varying(8) NOT NULL DEFAULT 'admin', "off_since" TIMESTAMP WITH TIME ZONE, "failing_days" integer NOT NULL DEFAULT '0', "judged_day" date, "last_value" double precision, "checked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cbc808c8884ab1b0c998575263b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c482c8e0869e84406839eeb7b8" ON "rectification_links"  ("item_id", "indicator", "department") `);
    await queryRunner.query(`CREATE TABLE "rectification_rebounds" ("item_id" uuid NOT NULL, "site_id" uuid NOT NULL, "rebounding" boolean NOT NULL DEFAULT false, "since" TIMESTAMP WITH TIME ZONE, "last_checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "links" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_abd8718b8b0db52f8975039372f" PRIMARY KEY ("item_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rectification_rebounds_site" ON "rectification_rebounds"  ("site_id", "rebounding") `);
    await queryRunner.query(`ALTER TABLE "rectification_reports" ADD CONSTRAINT "FK_04fbe837c299d7ddf2d550df45e" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rectification_items" ADD CONSTRAINT "FK_62addf2e58d52ca2e9a72b4d964" FOREIGN KEY ("report_id") REFERENCES "rectification_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rectification_evidence" ADD CONSTRAINT "FK_f3c1b9270f7841ce96aad1ec23d" FOREIGN KEY ("item_id") REFERENCES "rectification_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rectification_history" ADD CONSTRAINT "FK_4521a9e1cd348775b80274a289a" FOREIGN KEY ("item_id") REFERENCES "rectification_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rectification_links" ADD CONSTRAINT "FK_3a0359a8858a611b1d9af7f35b6" FOREIGN KEY ("item_id") REFERENCES "rectification_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rectification_rebounds" ADD CONSTRAINT "FK_abd8718b8b0db52f8975039372f" FOREIGN KEY ("item_id") REFERENCES "rectification_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rectification_rebounds" DROP CONSTRAINT "FK_abd8718b8b0db52f8975039372f"`);
    await queryRunner.query(`ALTER TABLE "rectification_links" DROP CONSTRAINT "FK_3a0359a8858a611b1d9af7f35b6"`);
    await queryRunner.query(`ALTER TABLE "rectification_history" DROP CONSTRAINT "FK_4521a9e1cd348775b80274a289a"`);
    await queryRunner.query(`ALTER TABLE "rectification_evidence" DROP CONSTRAINT "FK_f3c1b9270f7841ce96aad1ec23d"`);
    await queryRunner.query(`ALTER TABLE "rectification_items" DROP CONSTRAINT "FK_62addf2e58d52ca2e9a72b4d964"`);
    await queryRunner.query(`ALTER TABLE "rectification_reports" DROP CONSTRAINT "FK_04fbe837c299d7ddf2d550df45e"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rectification_rebounds_site"`);
    await queryRunner.query(`DROP TABLE "rectification_rebounds"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c482c8e0869e84406839eeb7b8"`);
    await queryRunner.query(`DROP TABLE "rectification_links"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rectification_history_item"`);
    await queryRunner.query(`DROP TABLE "rectification_history"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rectification_evidence_item"`);
    await queryRunner.query(`DROP TABLE "rectification_evidence"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e58621500e79ff6dae0bcae22"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rectification_items_site"`);
    await queryRunner.query(`DROP TABLE "rectification_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_933c8f1e6834e003e5bc44f3f1"`);
    await queryRunner.query(`DROP TABLE "rectification_reports"`);
  }
}
