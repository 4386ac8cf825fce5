import { EntityManager } from 'typeorm';

export type RegistryResource = 'site' | 'department' | 'window' | 'staff' | 'service_item';

export interface RegistryChange {
  /** Who made the change: 'admin-token' or 'cli' until accounts exist, then the user. */
  actor: string;
  action: 'create' | 'update' | 'delete';
  resource: RegistryResource;
  /** Site code; for a site itself, its own code. */
  site: string;
  code: string;
  /** Names of the fields set or changed; values stay out, since a staff name is personal. */
  fields: string[];
}

/**
 * The one place where registry changes will be written to the audit log (SPEC §9: every
 * change a person makes, with who and when). It runs inside the change's transaction so
 * that the audit row and the change will commit together. There is no audit log yet:
 * the Accounts issue adds its table and the insert here; until then this records nothing.
 */
export async function writeRegistryAudit(_em: EntityManager, _change: RegistryChange): Promise<void> {
  // Intentionally empty until the audit log exists (Accounts issue).
}
