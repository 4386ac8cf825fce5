import { Client } from 'pg';
import { ev } from '../support/factories';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { siteDatabase, SiteDatabase } from '../support/site-database';

jest.setTimeout(120_000);

describe('SIGKILL during ingest', () => {
  let site: SiteDatabase;

  beforeAll(async () => {
    site = await siteDatabase('kill');
  });
  afterAll(() => site.close());

  it('keeps every event answered "accepted", exactly once, across kills and restarts', async () => {
    const accepted = new Set<string>();
    let sent = 0;
    for (let round = 0; round < 3; round++) {
      const server: ServerProcess = await startServerProcess(site.db.url, { RUN_MIGRATIONS: 'false' });
      let stop = false;
      // Several clients posting batches concurrently while the server is killed under them.
      const clients = Array.from({ length: 4 }, async (_, c) => {
        while (!stop) {
          const events = Array.from({ length: 50 }, (_, i) =>
            ev('ticket.issued', { ticket: `K${round}-${c}-${sent}-${i}`, department: 'd1', channel: 'walk_in' }),
          );
          sent++;
          try {
            const res = await fetch(`${server.url}/api/v1/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${site.key}` },
              body: JSON.stringify({ events }),
            });
            if (res.status !== 200) continue;
            const body = (await res.json()) as { results: Array<{ id: string; status: string }> };
            for (const r of body.results) if (r.status === 'accepted') accepted.add(r.id);
          } catch {
            // the connection died with the server: these events were never answered
          }
        }
      });
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 800));
      await server.stop('SIGKILL');
      stop = true;
      await Promise.all(clients);
    }
    expect(accepted.size).toBeGreaterThan(0);

    const check = new Client({ connectionString: site.db.url });
    await check.connect();
    const { rows } = await check.query<{ id: string; n: number }>(`SELECT id, count(*)::int AS n FROM events GROUP BY id`);
    const tickets = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets`);
    await check.end();
    const stored = new Map(rows.map((r) => [r.id, r.n]));
    const missing = [...accepted].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // The projection committed with its events: one ticket per stored ticket.issued.
    expect(tickets.rows[0].n).toBe(rows.length);
  });
});
