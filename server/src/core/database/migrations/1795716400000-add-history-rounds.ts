import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHistoryRounds1795716400000 implements MigrationInterface {
  name = 'AddHistoryRounds1795716400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "indicator_history_rounds" ("name" character varying(32) NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_769ca124366cd06a1c788158b50" PRIMARY KEY ("name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "indicator_history_rounds"`);
  }
}
