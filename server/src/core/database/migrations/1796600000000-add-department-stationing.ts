import { MigrationInterface, QueryRunner } from 'typeorm';

// The 进驻 count (rectification item 48): which departments are expected to be stationed in the
// hall and how many staff their published list names, against the staff on the roster. A
// department can also be retired (撤销) without losing the code its events and history name.
export class AddDepartmentStationing1796600000000 implements MigrationInterface {
  name = 'AddDepartmentStationing1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every department in the registry so far is one the hall hosts: expected to station.
    await queryRunner.query(`ALTER TABLE "departments" ADD "expected_to_station" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "expected_staff" integer`);
    await queryRunner.query(`ALTER TABLE "departments" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "retired_at"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "expected_staff"`);
    await queryRunner.query(`ALTER TABLE "departments" DROP COLUMN "expected_to_station"`);
  }
}
