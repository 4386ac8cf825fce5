import { DataSource } from 'typeorm';
import { AuditLogService } from '../../modules/audit/audit-log.service';
import { CliCommand, parseArgs } from './command';
import { only } from './registry.commands';
import { readSecret } from './secret-input';
import { withDataSource } from './with-data-source';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function ensureRole(ds: DataSource, role: string, password: string | null): Promise<void> {
  await ds.query(
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE "${role}" LOGIN; END IF; END $$`,
  );
  // Quoted by the server (format %L), never by string building here.
  const [{ sql }]: Array<{ sql: string }> = password
    ? await ds.query(`SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql`, [role, password])
    : await ds.query(`SELECT format('ALTER ROLE %I WITH LOGIN', $1::text) AS sql`, [role]);
  await ds.query(sql);
}

/**
 * The least-privilege roles (run as the database owner, after every migration; it is safe to
 * run again). The application's role may read and write the tables it needs but only read and
 * append to audit_log; the maintenance role may only read and purge old audit entries.
 */
export async function applyDatabaseRoles(
  ds: DataSource,
  app: string,
  maintenance: string,
  passwords: { app?: string; maintenance?: string },
): Promise<void> {
  for (const r of [app, maintenance]) if (!ROLE_NAME.test(r)) throw new Error(`Role name "${r}" must be lower-case letters, digits or _`);
  const [{ db }]: Array<{ db: string }> = await ds.query('SELECT current_database() AS db');
  await ensureRole(ds, app, passwords.app ?? null);
  await ensureRole(ds, maintenance, passwords.maintenance ?? null);
  await ds.transaction(async (em) => {
    for (const r of [app, maintenance]) {
      await em.query(`GRANT CONNECT ON DATABASE "${db}" TO "${r}"`);
      await em.query(`GRANT USAGE ON SCHEMA public TO "${r}"`);
    }
    await em.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${app}"`);
    await em.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${app}"`);
    await em.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM "${app}"`);
    // Refused requests are counted into one row per caller, route and minute; the trigger lets only a rising count through.
    await em.query(`GRANT UPDATE (count) ON audit_log TO "${app}"`);
    await em.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM "${app}"`);
    // Tables later migrations add (run by this owner) reach the application too; audit_log stays as set here.
    await em.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${app}"`);
    await em.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "${app}"`);
    await em.query(`GRANT SELECT, DELETE ON audit_log TO "${maintenance}"`);
  });
}

export const dbRolesCommand: CliCommand = {
  name: 'db-roles',
  usage: 'db-roles [--app-role hallwatch_app] [--maintenance-role hallwatch_maintenance] [--password-stdin]',
  summary: 'create the least-privilege database roles (app: no UPDATE/DELETE on audit_log); run as the owner after migrating',
  async run(config, args) {
    const o = parseArgs(args);
    only(o, 'db-roles', ['app-role', 'maintenance-role', 'password-stdin']);
    const app = o['app-role'] ?? 'hallwatch_app';
    const maintenance = o['maintenance-role'] ?? 'hallwatch_maintenance';
    // Two lines on stdin: the application's password, then the maintenance role's.
    const passwords = o['password-stdin'] === 'true' ? (await readSecret('', true)).split(/\r?\n/) : [];
    await withDataSource(config, (ds) =>
      applyDatabaseRoles(ds, app, maintenance, { app: passwords[0] || undefined, maintenance: passwords[1] || undefined }),
    );
    console.log(
      `Roles ready: ${app} (the server: DATABASE_URL=postgres://${app}:…@host/db with RUN_MIGRATIONS=false) and ${maintenance} (audit-purge).\n` +
        'Run migrations as the owner (npm run hallwatch -- migrate), then this command again.',
    );
  },
};

export const auditPurgeCommand: CliCommand = {
  name: 'audit-purge',
  usage: 'audit-purge',
  summary: 'delete audit entries older than AUDIT_RETENTION_DAYS (≥ 180); run as the maintenance role, e.g. daily from cron',
  async run(config, args) {
    only(parseArgs(args), 'audit-purge', []);
    const n = await withDataSource(config, (ds) => new AuditLogService(ds).purge(config.AUDIT_RETENTION_DAYS));
    console.log(`Deleted ${n} audit entr${n === 1 ? 'y' : 'ies'} older than ${Math.max(180, config.AUDIT_RETENTION_DAYS)} days`);
  },
};
