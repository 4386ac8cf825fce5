import type { FollowUpListView, RectificationListView } from '@hallwatch/shared';
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, hall } from '../support/patrol';
import { postForm, seedReportText } from '../support/rectification-api';
import { cli, DAY, photo, seedHallDay, snapshotOf, valuesOf } from '../support/retention-day';
import { ADMIN_URL, databaseUrl, runId } from '../support/test-env';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

// The restore drill (docs/operations.md): a day of events, a patrol photo, follow-ups and the
// rectification items backed up with `hallwatch backup`, restored with `hallwatch restore` into a
// new database, and a server started on it answers as the original did.

const TOKEN = 'backup-test-admin-token-01234567';
const SITE = 'bk';
const ARCHIVE = 'archive/events/bk/2019-01.0000abcd.ndjson.gz';

async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

describe('backup and restore', () => {
  let original: TestApp;
  let restored: TestApp | undefined;
  let work: string;
  const restoredDb = `${runId()}_restored_${randomBytes(3).toString('hex')}`;

  /** What an office reads of a site: the indicators, the rectification items, the follow-ups. */
  async function reading(t: TestApp) {
    t.clock.setNow(hall(DAY, '17:00:00'));
    const admin = <T>(path: string) => call<T>(`${t.url}/api/v1/admin${path}`, 'GET', TOKEN);
    const items = await admin<RectificationListView>(`/rectification/items?site=${SITE}`);
    const followUps = await admin<FollowUpListView>(`/sites/${SITE}/follow-ups?status=all`);
    const photoRes = await fetch(`${t.url}/api/v1/patrol/sites/${SITE}/photos/${SITE}-c1`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return {
      snapshot: valuesOf(await snapshotOf(t, SITE, TOKEN)),
      // Read a moment apart on each server: the moment itself is not the content.
      items: { ...items.body, asOf: undefined },
      followUps: { ...followUps.body, asOf: undefined },
      photo: photoRes.status === 200 ? Buffer.from(await photoRes.arrayBuffer()).toString('base64') : photoRes.status,
    };
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hw-backup-'));
    await mkdir(join(work, 'data-a', 'archive', 'events', SITE), { recursive: true });
    await writeFile(join(work, 'data-a', ARCHIVE), 'an archive file the backup must carry');
    original = await startTestApp({ ADMIN_TOKEN: TOKEN, DATA_DIR: join(work, 'data-a') });
    await seedHallDay(original, SITE, TOKEN);
    const imported = await postForm(
      original.url,
      `/rectification/import?site=${SITE}`,
      TOKEN,
      {},
      {
        field: 'file',
        name: 'huiji-2024-report.txt',
        bytes: seedReportText(),
      },
    );
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await restored?.app.close();
    await dropDatabase(restoredDb);
    await original?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('restores into a new database a copy that answers as the original', async () => {
    const before = await reading(original);
    expect(before.items.counts.total).toBeGreaterThan(50);
    expect(before.followUps.cases.map((c) => c.status).sort()).toEqual(['awaiting_contact', 'closed']);
    expect(before.photo).toBe(photo().toString('base64'));

    const env = { DATABASE_URL: original.config.DATABASE_URL, DATA_DIR: join(work, 'data-a') };
    const made = await cli(['backup', join(work, 'b1')], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(work, 'b1', 'manifest.json'), 'utf8')) as {
      format: string;
      database: string;
      migration: { last: string; count: number };
      files: Array<{ path: string; sha256: string }>;
    };
    expect(manifest.format).toBe('hallwatch-backup/1');
    expect(manifest.database).toBe(new URL(original.config.DATABASE_URL).pathname.slice(1));
    expect(manifest.migration.last).toMatch(/^[A-Z]\w+\d{13}$/);
    expect(manifest.files.map((f) => f.path)).toEqual(['database.dump', `files/${ARCHIVE}`]);

    const back = await cli(['restore', join(work, 'b1'), '--database', restoredDb], { ...env, DATA_DIR: join(work, 'data-b') });
    expect(back.stderr).toBe('');
    expect(back.stdout).toContain(`into the new database "${restoredDb}"`);
    expect(await readFile(join(work, 'data-b', ARCHIVE), 'utf8')).toBe('an archive file the backup must carry');

    // Without workers: a patrol job starting on the real clock would mark the seeded day's rounds
    // missed before the test's clock is set, which is the job's doing, not the restore's.
    restored = await startTestApp({ ADMIN_TOKEN: TOKEN, RUN_WORKERS: 'false' }, { databaseUrl: databaseUrl(restoredDb) });
    expect(await reading(restored)).toEqual(before);
  });

  it('refuses a database that is not empty, naming it, and changes nothing there', async () => {
    const name = new URL(original.config.DATABASE_URL).pathname.slice(1);
    const env = { DATABASE_URL: original.config.DATABASE_URL, DATA_DIR: join(work, 'data-c') };
    const res = await cli(['restore', join(work, 'b1'), '--database', name], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Database "${name}" is not empty`);
    expect((await original.ds.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBeGreaterThan(0);
  });

  it('refuses a damaged backup, a used directory and a missing --database, naming what is wrong', async () => {
    const env = { DATABASE_URL: original.config.DATABASE_URL, DATA_DIR: join(work, 'data-d') };
    await cp(join(work, 'b1'), join(work, 'b2'), { recursive: true });
    await appendFile(join(work, 'b2', 'files', ARCHIVE), 'x');
    const damaged = await cli(['restore', join(work, 'b2'), '--database', `${restoredDb}_x`], env);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain(`damaged: files/${ARCHIVE}`);
    const used = await cli(['backup', join(work, 'b1')], env);
    expect(used.code).toBe(1);
    expect(used.stderr).toContain('is not empty');
    const unnamed = await cli(['restore', join(work, 'b1')], env);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain('--database');
    const c = new Client({ connectionString: ADMIN_URL });
    await c.connect();
    expect((await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [`${restoredDb}_x`])).rows).toEqual([]);
    await c.end();
  });
});
