import { MigrationInterface, QueryRunner } from 'typeorm';

// A department account (role "department") is bound to one department of its one site; the
// binding sits on the account's site row (docs/contracts/users.md).
export class AddDepartmentAccounts1796598324364 implements MigrationInterface {
  name = 'AddDepartmentAccounts1796598324364';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_sites" ADD "department_code" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without its binding a department account would be limited by nothing the older code knows: it is disabled.
    await queryRunner.query(`UPDATE "users" SET "disabled_at" = now() WHERE "role" = 'department' AND "disabled_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "user_sites" DROP COLUMN "department_code"`);
  }
}
