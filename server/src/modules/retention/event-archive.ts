import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import type { EventMonth } from './retention-plan';
import { ArchivedEventRow } from './retention-rows';

const BATCH = 5000;

/** Where a site-month's archive goes, relative to DATA_DIR; the run's id keeps two runs' files of one month apart. */
export const archivePath = (m: Pick<EventMonth, 'site' | 'month'>, runId: string): string =>
  join('archive', 'events', m.site, `${m.month}.${runId.slice(0, 8)}.ndjson.gz`);

async function* eventLines(em: EntityManager, m: EventMonth): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const rows = await queryRows<ArchivedEventRow>(
      em,
      `SELECT id, type, occurred_at, received_at, service_day::text AS service_day, ticket, data, unknown_refs
         FROM events WHERE site_id = $1 AND service_day >= $2::date AND service_day <= $3::date AND service_day < $4::date AND id > $5
        ORDER BY id LIMIT ${BATCH}`,
      [m.siteId, m.from, m.to, m.beforeDay, after],
    );
    for (const r of rows)
      yield (
        JSON.stringify({
          site: m.site,
          id: r.id,
          type: r.type,
          occurredAt: new Date(r.occurred_at).toISOString(),
          receivedAt: new Date(r.received_at).toISOString(),
          serviceDay: r.service_day,
          ticket: r.ticket,
          data: r.data,
          unknownRefs: r.unknown_refs,
        }) + '\n'
      );
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Writes a site-month's events as gzip NDJSON (one event a line, as stored: phones already masked)
 * and syncs it to disk before the caller deletes the rows, so a crash leaves the rows or the file,
 * never neither. Returns how many lines were written.
 */
export async function writeArchive(em: EntityManager, m: EventMonth, dataDir: string, rel: string): Promise<number> {
  const file = join(dataDir, rel);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  let lines = 0;
  const counted = Readable.from(
    (async function* () {
      for await (const line of eventLines(em, m)) {
        lines++;
        yield line;
      }
    })(),
  );
  try {
    await pipeline(counted, createGzip(), createWriteStream(partial, { flags: 'wx' }));
    const fd = await open(partial, 'r');
    await fd.sync();
    await fd.close();
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return lines;
}
