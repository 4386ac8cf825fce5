import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's copy of the published seed report (see the parser's tests). */
export const SEED_REPORT = join(
  __dirname,
  '..',
  '..',
  'server',
  'src',
  'modules',
  'rectification',
  '__tests__',
  'fixtures',
  'huiji-2024-report.txt',
);
export const seedReportText = (): string => readFileSync(SEED_REPORT, 'utf8');

export interface UploadFile {
  field: string;
  name: string;
  bytes: Buffer | string;
  type?: string;
}

/** A multipart/form-data POST to the admin API, as the dashboard's upload sends it. */
export async function postForm<T>(
  baseUrl: string,
  path: string,
  token: string | null,
  fields: Record<string, string>,
  file?: UploadFile,
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) {
    const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes;
    form.append(file.field, new Blob([new Uint8Array(bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const res = await fetch(`${baseUrl}/api/v1/admin${path}`, { method: 'POST', headers, body: form });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Raw bytes of an admin GET (the ledger, an attachment). */
export async function getBytes(
  baseUrl: string,
  path: string,
  token: string | null,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const res = await fetch(`${baseUrl}/api/v1/admin${path}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * Takes every item of a site back to 整改中 as the office would, after an import set them from
 * the report ("目前已全部整改"): for tests that declare items rectified themselves, at a time
 * their clock chooses.
 */
export async function reopenAllItems(ds: import('typeorm').DataSource, site: string): Promise<void> {
  await ds.query(
    `UPDATE rectification_items SET status = 'in_progress', rectified_at = NULL, status_set_by = 'office'
     WHERE site_id = (SELECT id FROM sites WHERE code = $1)`,
    [site],
  );
}
