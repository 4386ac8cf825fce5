import { DataSource, EntityManager } from 'typeorm';
import { RegistryChange, writeRegistryAudit } from './registry-audit';
import { siteNotFound } from './registry-errors';
import { Site } from './site.entity';

export async function findSite(em: EntityManager, code: string): Promise<Site> {
  const site = await em.findOneBy(Site, { code });
  if (!site) throw siteNotFound(code);
  return site;
}

/** One transaction per change, with its audit entry written inside it so both commit or neither. */
export async function auditedChange<T>(ds: DataSource, fn: (em: EntityManager) => Promise<{ view: T; audit: RegistryChange }>): Promise<T> {
  return ds.transaction(async (em) => {
    const { view, audit } = await fn(em);
    await writeRegistryAudit(em, audit);
    return view;
  });
}

export const auditEntry = (
  actor: string,
  action: RegistryChange['action'],
  resource: RegistryChange['resource'],
  site: Site,
  code: string,
  fields: string[],
): RegistryChange => ({ actor, action, resource, site: site.code, code, fields });

/** Names of the fields an input sets (values stay out of the audit hook). */
export const setFields = (input: object): string[] =>
  Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
