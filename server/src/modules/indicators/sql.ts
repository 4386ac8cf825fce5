import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';

/** A typed query on one connection: the readers share the snapshot's transaction through it. */
export type Sql = <T extends object>(text: string, params: unknown[]) => Promise<T[]>;

const names = new Map<string, string>();

/** One stable statement name per query text, the same on every connection. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `hw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/**
 * Inside a transaction the readers' statements are named, so each connection parses and plans
 * them once: a snapshot runs the same few dozen small reads several times a second, and
 * planning them anew cost more than running them.
 */
export const sqlOn = (em: EntityManager): Sql => {
  const runner = em.queryRunner;
  if (!runner) return <T extends object>(text: string, params: unknown[]) => queryRows<T>(em, text, params);
  return async <T extends object>(text: string, params: unknown[]) => {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query({ name: statementName(text), text, values: params })).rows as T[];
  };
};

/** A read of the snapshot's facts and the columns it returns, named as its rows' fields. */
export interface FactQuery {
  text: string;
  columns: readonly string[];
}

export const fact = <R>(text: string, columns: ReadonlyArray<keyof R & string>): FactQuery => ({ text, columns });

/**
 * The SQL that returns a fact query's rows as one JSON value, column by column: PostgreSQL
 * turns a column of scalars into JSON several times faster than a column of records.
 */
export const asJsonColumns = (q: FactQuery): string =>
  `(SELECT json_build_array(${q.columns.map((c) => `json_agg(q."${c}")`).join(', ')}) FROM (${q.text}) q)`;

/** The rows back from asJsonColumns' arrays (each null when there were none). */
export function rowsFromColumns<R>(q: FactQuery, arrays: Array<unknown[] | null>): R[] {
  const n = arrays[0]?.length ?? 0;
  const rows: R[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    q.columns.forEach((c, k) => (row[c] = arrays[k]![i]));
    rows[i] = row as R;
  }
  return rows;
}

/** A timestamp as node-pg gives it (a Date) or as JSON carries it (an ISO string). */
export const toDate = (v: string | Date | null | undefined): Date | null => (v === null || v === undefined ? null : new Date(v));

/** node-pg returns bigint and numeric as strings. */
export const toNumber = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
