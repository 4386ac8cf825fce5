import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BACKUP_FORMAT, BackupManifest, describeFile, DUMP, FILES, listFiles, MANIFEST } from './manifest';
import { checkSameMajor, clientMajor, databaseName, pgTool, runTool, serverVersion, splitPassword } from './pg-tools';

export interface BackupOptions {
  databaseUrl: string;
  dataDir: string;
  /** Where to write it: a new or empty directory. */
  dir: string;
  pgBin?: string;
  now?: Date;
}

export function hallwatchVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function lastMigration(url: string): Promise<{ last: string | null; count: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; count: string }>(
      `SELECT (SELECT name FROM migrations ORDER BY id DESC LIMIT 1) AS name, (SELECT count(*) FROM migrations) AS count`,
    );
    return { last: rows[0]?.name ?? null, count: Number(rows[0]?.count ?? 0) };
  } finally {
    await c.end();
  }
}

async function ensureEmptyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.length) throw new Error(`${dir} is not empty (${present.slice(0, 3).join(', ')}…); give a new directory for each backup`);
}

/**
 * A consistent backup: pg_dump in custom format (one snapshot of the whole database, patrol
 * photos included: they are stored in it), the files under DATA_DIR (the event archives, which
 * only grow: a file copied after the snapshot at worst repeats events the dump still holds), and
 * a manifest with the version, the last migration, the time and every file's checksum.
 */
export async function backup(o: BackupOptions): Promise<BackupManifest> {
  const tool = pgTool(o.pgBin, 'pg_dump');
  const client = await clientMajor(tool);
  const server = await serverVersion(o.databaseUrl);
  checkSameMajor('pg_dump', client, server);
  await ensureEmptyDir(o.dir);
  const migration = await lastMigration(o.databaseUrl);
  const { url, env } = splitPassword(o.databaseUrl);
  await runTool(tool, ['--format=custom', '--compress=6', `--file=${join(o.dir, DUMP)}`, `--dbname=${url}`], env);
  const copied = await listFiles(o.dataDir);
  if (copied.length) await cp(o.dataDir, join(o.dir, FILES), { recursive: true, errorOnExist: true, force: false });
  const files = [];
  for (const path of [DUMP, ...copied.map((f) => `${FILES}/${f}`)]) files.push(await describeFile(o.dir, path));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    hallwatchVersion: hallwatchVersion(),
    createdAt: (o.now ?? new Date()).toISOString(),
    database: databaseName(o.databaseUrl),
    postgres: { server: server.text, pgDump: client.text },
    migration,
    files,
  };
  await writeFile(join(o.dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
  return manifest;
}
