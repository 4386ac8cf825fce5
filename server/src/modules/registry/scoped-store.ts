import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isUniqueViolation, ScopedResource, scopedExists, scopedNotFound } from './registry-errors';
import { Site } from './site.entity';

export interface ScopedRow extends ObjectLiteral {
  id: string;
  siteId: string;
  code: string;
}

// Departments, windows, staff and service items share one shape: rows of a site, named by a
// code unique within it. These helpers keep the four resources' rules identical.

export async function findScoped<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  siteId: string,
  code: string,
): Promise<E | null> {
  return em.getRepository(target).createQueryBuilder('r').where('r.site_id = :siteId AND r.code = :code', { siteId, code }).getOne();
}

export async function requireScoped<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  resource: ScopedResource,
  site: Site,
  code: string,
): Promise<E> {
  const row = await findScoped(em, target, site.id, code);
  if (!row) throw scopedNotFound(resource, site.code, code);
  return row;
}

export async function listScoped<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  siteId: string,
  order: string,
): Promise<E[]> {
  return em.getRepository(target).createQueryBuilder('r').where('r.site_id = :siteId', { siteId }).orderBy(order).getMany();
}

/** Inserts a new row; a taken code is a 409 whether seen first or lost to a concurrent insert. */
export async function insertScoped<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  resource: ScopedResource,
  site: Site,
  code: string,
  save: () => Promise<E>,
): Promise<E> {
  if (await findScoped(em, target, site.id, code)) throw scopedExists(resource, site.code, code);
  try {
    return await save();
  } catch (err) {
    if (isUniqueViolation(err)) throw scopedExists(resource, site.code, code);
    throw err;
  }
}

/** Copies the given fields onto the row; returns the names of those whose value changed. */
export function applyChanges<E extends object>(row: E, input: Partial<E>): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(input) as Array<keyof E & string>) {
    const value = input[key];
    if (value === undefined || row[key] === value) continue;
    row[key] = value as E[keyof E & string];
    changed.push(key);
  }
  return changed;
}
