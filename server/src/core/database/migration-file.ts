import { SchemaDrift } from './schema-drift';

const quote = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

/** Source text of a migration class that applies the given drift. */
export function migrationSource(className: string, timestamp: number, drift: SchemaDrift): string {
  const body = (lines: string[]) => lines.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className}${timestamp} implements MigrationInterface {
  name = '${className}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${body(drift.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${body(drift.down)}
  }
}
`;
}
