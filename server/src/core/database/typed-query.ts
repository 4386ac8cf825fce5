import { DataSource, EntityManager, QueryResult, QueryRunner } from 'typeorm';

/** Where raw SQL runs: the data source, an entity manager (a transaction's, or not), a query runner. */
export type SqlTarget = DataSource | EntityManager | QueryRunner;

/**
 * Runs one statement and returns TypeORM's structured result, whatever the command: plain
 * `query()` gives rows for a SELECT but `[rows, count]` for an UPDATE or DELETE. A manager
 * inside a transaction runs on that transaction's connection; otherwise a connection is
 * taken from the pool for the statement, as `DataSource.query` does.
 */
async function run(target: SqlTarget, sql: string, params: readonly unknown[]): Promise<QueryResult> {
  const given = target instanceof DataSource ? undefined : target instanceof EntityManager ? target.queryRunner : target;
  const pool = target instanceof DataSource ? target : target instanceof EntityManager ? target.dataSource : undefined;
  const runner = given ?? pool!.createQueryRunner();
  try {
    return await runner.query(sql, [...params], true);
  } finally {
    if (!given) await runner.release();
  }
}

/**
 * The rows of a statement (a SELECT, or any command with RETURNING) as the caller's row type.
 * The type is the caller's word for the SQL's columns, unchecked at run time: declare it once
 * per statement (in the module's rows file) and name the columns in the SQL as the type has
 * them (docs/raw-sql.md).
 */
export async function queryRows<Row extends object>(target: SqlTarget, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return (await run(target, sql, params)).records as Row[];
}

/** The first row of a statement, or undefined when it returned none. */
export async function queryOne<Row extends object>(
  target: SqlTarget,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row | undefined> {
  return (await queryRows<Row>(target, sql, params))[0];
}

/** How many rows an INSERT, UPDATE or DELETE touched. */
export async function queryCount(target: SqlTarget, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await run(target, sql, params)).affected ?? 0;
}
