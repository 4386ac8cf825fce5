import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { SiteEvents } from './site-events';
import { RegistryChange, writeRegistryAudit } from './registry-audit';
import { siteNotFound } from './registry-errors';
import { Site } from './site.entity';

export async function findSite(em: EntityManager, code: string): Promise<Site> {
  const site = await em.findOneBy(Site, { code });
  if (!site) throw siteNotFound(code);
  return site;
}

/**
 * One transaction per change, with its audit entry written inside it so both commit or neither.
 * Once committed, the walls of the site hear of it on every server (its name, hours, targets,
 * departments and windows are on the wall); without `events` (the CLI) they catch up at their
 * periodic refresh.
 */
export async function auditedChange<T>(
  ds: DataSource,
  events: DomainEventBus<SiteEvents> | undefined,
  fn: (em: EntityManager) => Promise<{ view: T; audit: RegistryChange }>,
): Promise<T> {
  let change: RegistryChange | undefined;
  const view = await ds.transaction(async (em) => {
    const { view, audit } = await fn(em);
    await writeRegistryAudit(em, audit);
    change = audit;
    return view;
  });
  if (change) events?.emit('site.changed', { siteId: change.siteId, siteCode: change.site, cause: 'registry' });
  return view;
}

export const auditEntry = (
  actor: string,
  action: RegistryChange['action'],
  resource: RegistryChange['resource'],
  site: Site,
  code: string,
  fields: string[],
): RegistryChange => ({ actor, action, resource, site: site.code, siteId: site.id, code, fields });

/** Names of the fields an input sets (values stay out of the audit hook). */
export const setFields = (input: object): string[] =>
  Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
