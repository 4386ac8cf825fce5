import { EntityManager } from 'typeorm';

/** A typed query on one connection: the readers share the snapshot's transaction through it. */
export type Sql = <T>(text: string, params: unknown[]) => Promise<T[]>;

export const sqlOn =
  (em: EntityManager): Sql =>
  <T>(text: string, params: unknown[]) =>
    em.query<T[]>(text, params);

/** node-pg returns bigint and numeric as strings. */
export const toNumber = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
