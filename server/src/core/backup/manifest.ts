import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const BACKUP_FORMAT = 'hallwatch-backup/1';
export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'files';

export interface BackupFile {
  /** Relative to the backup directory, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

/** What a backup is: enough to check it whole and to know what it restores to. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  hallwatchVersion: string;
  createdAt: string;
  database: string;
  postgres: { server: string; pgDump: string };
  /** The last migration applied when the dump was taken; a newer Hallwatch applies the rest at start. */
  migration: { last: string | null; count: number };
  files: BackupFile[];
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `dir`, relative to `root`, in a stable order. */
export async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(root, full)));
    else if (e.isFile()) out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

export async function describeFile(root: string, path: string): Promise<BackupFile> {
  const full = join(root, path);
  return { path, size: (await stat(full)).size, sha256: await sha256Of(full) };
}

/** The first file whose size or checksum differs from the manifest's, or that is missing; null when all agree. */
export async function firstMismatch(root: string, files: readonly BackupFile[]): Promise<string | null> {
  for (const f of files) {
    if (f.path.split('/').includes('..')) return `${f.path} (a path outside the backup)`;
    let actual: BackupFile;
    try {
      actual = await describeFile(root, f.path);
    } catch {
      return `${f.path} (missing)`;
    }
    if (actual.size !== f.size) return `${f.path} (${actual.size} bytes, the manifest says ${f.size})`;
    if (actual.sha256 !== f.sha256) return `${f.path} (checksum differs from the manifest)`;
  }
  return null;
}
