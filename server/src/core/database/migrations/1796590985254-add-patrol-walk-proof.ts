import { MigrationInterface, QueryRunner } from 'typeorm';
import { randomInt } from 'node:crypto';
import { CHECKPOINT_CODE_ALPHABET, CHECKPOINT_CODE_LENGTH } from '@hallwatch/shared';

// Drawn here like the patrol module draws them, without importing a feature into core.
const newCheckpointCode = (): string =>
  Array.from({ length: CHECKPOINT_CODE_LENGTH }, () => CHECKPOINT_CODE_ALPHABET[randomInt(CHECKPOINT_CODE_ALPHABET.length)]).join('');

export class AddPatrolWalkProof1796590985254 implements MigrationInterface {
  name = 'AddPatrolWalkProof1796590985254';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_checks" ADD "code" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "patrol_checks" ADD "confirmed" boolean NOT NULL DEFAULT false`);
    // Checkpoints that exist already get their own code each, drawn like every later one.
    await queryRunner.query(`ALTER TABLE "patrol_checkpoints" ADD "scan_code" character varying(16)`);
    const rows: Array<{ id: string }> = await queryRunner.query(`SELECT id FROM "patrol_checkpoints"`);
    for (const { id } of rows) await queryRunner.query(`UPDATE "patrol_checkpoints" SET "scan_code" = $2 WHERE id = $1`, [id, newCheckpointCode()]);
    await queryRunner.query(`ALTER TABLE "patrol_checkpoints" ALTER COLUMN "scan_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "patrol_rounds" ADD "doubts" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patrol_rounds" DROP COLUMN "doubts"`);
    await queryRunner.query(`ALTER TABLE "patrol_checkpoints" DROP COLUMN "scan_code"`);
    await queryRunner.query(`ALTER TABLE "patrol_checks" DROP COLUMN "confirmed"`);
    await queryRunner.query(`ALTER TABLE "patrol_checks" DROP COLUMN "code"`);
  }
}
