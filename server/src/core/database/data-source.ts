import { join } from 'node:path';
import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';
import { TimedClient, withoutAnswerTimeout } from './timed-client';

/** Time limits towards PostgreSQL, in milliseconds; 0 means none. See docs/database.md. */
export interface DatabaseTimeouts {
  statementMs: number;
  idleInTransactionMs: number;
  queryMs: number;
  connectMs: number;
  keepAliveDelayMs: number;
}

export function databaseTimeouts(c: AppConfig): DatabaseTimeouts {
  return {
    statementMs: c.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionMs: c.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    queryMs: c.DB_QUERY_TIMEOUT_MS,
    connectMs: c.DB_CONNECT_TIMEOUT_MS,
    keepAliveDelayMs: c.DB_KEEPALIVE_DELAY_MS,
  };
}

const DEFAULT_TIMEOUTS = databaseTimeouts(new AppConfig());

/**
 * Every feature keeps its tables in its own `*.entity.ts` files and registers them with its
 * module; a DataSource outside the server's modules (the CLI, migrations, tests, the worker)
 * finds them all by name instead: `.ts` sources under ts-jest, `.js` from dist (never `.d.ts`).
 */
export const ENTITY_FILES = [join(__dirname, '..', '..', 'modules', '**', '*.entity.{ts,js}')];

/** For sessions long by nature (migrations, projection rebuilds): no limit on a statement or its answer. */
export const longRunning = (t: DatabaseTimeouts = DEFAULT_TIMEOUTS): DatabaseTimeouts => ({ ...t, statementMs: 0, queryMs: 0 });

export function dataSourceOptions(databaseUrl: string, timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITY_FILES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // The schema changes only through migrations; a test compares the two.
    synchronize: false,
    migrationsRun: false,
    // Off: failed queries would print their parameters, which can hold citizens' data.
    logging: false,
    extra: {
      max: 20,
      Client: TimedClient,
      connectionTimeoutMillis: timeouts.connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: timeouts.keepAliveDelayMs,
      query_timeout: timeouts.queryMs || undefined,
      // Sent even when 0, so that a default set on the database role cannot cut a long session short.
      options: `-c statement_timeout=${timeouts.statementMs} -c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
    },
  };
}

export function createDataSource(databaseUrl: string, timeouts: DatabaseTimeouts = DEFAULT_TIMEOUTS): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, timeouts));
}

/**
 * Runs `fn` on the runner's connection with neither PostgreSQL's statement timeout nor the
 * driver's answer timeout, both put back afterwards, for work on a shared pool that is long by
 * nature (VACUUM of a large table).
 */
export async function withoutStatementTimeout<T>(runner: QueryRunner, fn: () => Promise<T>): Promise<T> {
  const client = await runner.connect();
  await runner.query('SET statement_timeout = 0');
  try {
    return await withoutAnswerTimeout(client, fn);
  } finally {
    await runner.query('RESET statement_timeout');
  }
}
