import { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';

export type RegistryResource = 'site' | 'department' | 'window' | 'staff' | 'service_item';

export interface RegistryChange {
  /** Who made the change: the username, 'admin-token' or 'cli'. */
  actor: string;
  action: 'create' | 'update' | 'delete';
  resource: RegistryResource;
  /** Site code; for a site itself, its own code. */
  site: string;
  siteId: string;
  code: string;
  /** Names of the fields set or changed; values stay out, since a staff name is personal. */
  fields: string[];
}

/**
 * The one place where registry changes are written to the audit log (docs/contracts/reliability.md: every change a
 * person makes, with who and when). It runs inside the change's transaction so that the audit
 * row and the change commit together. Only field names are kept: a staff name is personal.
 */
export async function writeRegistryAudit(em: EntityManager, change: RegistryChange): Promise<void> {
  await recordAudit(em, {
    actor: change.actor,
    action: `registry.${change.resource}.${change.action}`,
    target: `${change.resource}:${change.code}`,
    site: change.site,
    details: { fields: change.fields },
  });
}
