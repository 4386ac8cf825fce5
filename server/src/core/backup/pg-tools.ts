import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** A connection URL without its password, and the password for PGPASSWORD: never on a command line. */
export function splitPassword(url: string): { url: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** The same server, another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

export const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

/** A PostgreSQL client program: from `bin` when given, else from PATH. */
export const pgTool = (bin: string | undefined, name: 'pg_dump' | 'pg_restore'): string => (bin ? join(bin, name) : name);

/** The major version of a client program, e.g. 15 from "pg_dump (PostgreSQL) 15.20 (Debian …)". */
export async function clientMajor(tool: string): Promise<{ major: number; text: string }> {
  let out: string;
  try {
    out = (await run(tool, ['--version'])).stdout.trim();
  } catch (err) {
    throw new Error(`${tool} was not found or does not run (${(err as Error).message}); install the PostgreSQL client or give --pg-bin`, {
      cause: err,
    });
  }
  const m = /(\d+)(?:\.(\d+))?/.exec(out);
  if (!m) throw new Error(`Cannot read the version of ${tool} from "${out}"`);
  return { major: Number(m[1]), text: out };
}

export async function serverVersion(url: string): Promise<{ major: number; text: string }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ num: string; text: string }>(
      `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`,
    );
    return { major: Math.floor(Number(rows[0].num) / 10000), text: rows[0].text };
  } finally {
    await c.end();
  }
}

/**
 * An older pg_dump cannot read a newer server, and a pg_dump newer than the server writes what
 * an older pg_restore cannot read back: the client's major version must be the server's.
 */
export function checkSameMajor(tool: string, client: { major: number; text: string }, server: { major: number; text: string }): void {
  if (client.major !== server.major)
    throw new Error(
      `${tool} is PostgreSQL ${client.major} (${client.text}) but the server is ${server.major} (${server.text}); ` +
        `use the client of the server's major version (--pg-bin /usr/lib/postgresql/${server.major}/bin)`,
    );
}

/** Runs a client program, failing with its own error output. */
export function runTool(tool: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${err.trim().slice(0, 2000)}`))));
  });
}
