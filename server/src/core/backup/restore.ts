import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { BACKUP_FORMAT, BackupManifest, describeFile, DUMP, FILES, firstMismatch, MANIFEST, sha256Of } from './manifest';
import { checkSameMajor, clientMajor, pgTool, runTool, serverVersion, splitPassword, withDatabase } from './pg-tools';

export interface RestoreOptions {
  /** Any database on the target server: the restore connects to it to create the new one. */
  databaseUrl: string;
  database: string;
  dir: string;
  dataDir: string;
  pgBin?: string;
}

const DB_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    throw new Error(`${dir} holds no ${MANIFEST}: not a Hallwatch backup`);
  }
  const m = JSON.parse(text) as BackupManifest;
  if (m.format !== BACKUP_FORMAT) throw new Error(`${join(dir, MANIFEST)} is of format "${String(m.format)}", not ${BACKUP_FORMAT}`);
  return m;
}

/** Tables, sequences and views outside PostgreSQL's own schemas: none in a database fit to restore into. */
async function userRelations(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

/** Creates the database if it does not exist; true when it did. */
async function createIfMissing(serverUrl: string, name: string): Promise<boolean> {
  const c = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rows.length) return false;
    await c.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await c.end();
  }
}

/** Copies the backup's files into the data directory; a file already there must be the same one. */
async function restoreFiles(dir: string, manifest: BackupManifest, dataDir: string): Promise<number> {
  let n = 0;
  for (const f of manifest.files.filter((x) => x.path.startsWith(`${FILES}/`))) {
    const rel = f.path.slice(FILES.length + 1);
    const target = join(dataDir, rel);
    const existing = await sha256Of(target).catch(() => null);
    if (existing === f.sha256) continue;
    if (existing !== null) throw new Error(`${target} exists and differs from the backup's ${f.path}; move it away first`);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(dir, f.path), target);
    if ((await describeFile(dataDir, rel)).sha256 !== f.sha256) throw new Error(`${target} did not copy whole`);
    n++;
  }
  return n;
}

/**
 * Restores a backup into an empty database (created when missing), after checking every file
 * against the manifest. A database holding any table is refused, by name: a restore never mixes
 * with data already there.
 */
export async function restore(o: RestoreOptions): Promise<{ manifest: BackupManifest; created: boolean; files: number }> {
  if (!DB_NAME.test(o.database)) throw new Error(`--database "${o.database}" must be letters, digits, _ or - (at most 63)`);
  const manifest = await readManifest(o.dir);
  const bad = await firstMismatch(o.dir, manifest.files);
  if (bad) throw new Error(`The backup in ${o.dir} is damaged: ${bad}`);
  if (!manifest.files.some((f) => f.path === DUMP)) throw new Error(`The backup's manifest lists no ${DUMP}`);
  const target = withDatabase(o.databaseUrl, o.database);
  const tool = pgTool(o.pgBin, 'pg_restore');
  const client = await clientMajor(tool);
  const created = await createIfMissing(o.databaseUrl, o.database);
  checkSameMajor('pg_restore', client, await serverVersion(target));
  const relations = await userRelations(target);
  if (relations > 0)
    throw new Error(`Database "${o.database}" is not empty (${relations} tables or sequences); restore only into an empty database`);
  const { url, env } = splitPassword(target);
  await runTool(tool, ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${url}`, join(o.dir, DUMP)], env);
  const files = await restoreFiles(o.dir, manifest, o.dataDir);
  return { manifest, created, files };
}
