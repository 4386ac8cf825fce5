import { EntityManager } from 'typeorm';

/**
 * The rows of an UPDATE or DELETE … RETURNING. TypeORM answers those as [rows, affected]
 * (INSERT and SELECT as plain rows), so the rows are taken out here.
 */
export async function returning<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const raw: unknown = await em.query(sql, params);
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}
