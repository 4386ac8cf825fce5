import { MigrationInterface, QueryRunner } from 'typeorm';

// The assessment of the town centres (考核) is weighted by criteria an admin sets per district.
export class AddAssessmentWeights1796611300000 implements MigrationInterface {
  name = 'AddAssessmentWeights1796611300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_weights" ("site_id" uuid NOT NULL, "weights" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" character varying(64) NOT NULL, CONSTRAINT "PK_78bc5b38145d87dd82a71f5dbf5" PRIMARY KEY ("site_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assessment_weights"`);
  }
}
