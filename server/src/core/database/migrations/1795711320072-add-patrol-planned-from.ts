import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPatrolPlannedFrom1795711320072 implements MigrationInterface {
  name = 'AddPatrolPlannedFrom1795711320072';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_schedules" ADD "planned_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_schedules" DROP COLUMN "planned_from"`);
  }
}
