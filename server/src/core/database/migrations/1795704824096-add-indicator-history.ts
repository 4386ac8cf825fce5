import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIndicatorHistory1795704824096 implements MigrationInterface {
  name = 'AddIndicatorHistory1795704824096';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "indicator_history" ("site_id" uuid NOT NULL, "indicator" character varying(48) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "department" character varying(64) NOT NULL, "value" double precision, CONSTRAINT "PK_0bf74d4f8af537dcf8ee749ccea" PRIMARY KEY ("site_id", "indicator", "hour", "department"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "indicator_history"`);
  }
}
