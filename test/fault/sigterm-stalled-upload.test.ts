import { connect, Socket } from 'node:net';
import { ev } from '../support/factories';
import { postEvents } from '../support/http';
import { startServerProcess } from '../support/server-process';
import { siteDatabase, SiteDatabase } from '../support/site-database';

jest.setTimeout(120_000);

const GRACE_MS = 1500;

/** A device on bad Wi-Fi: the request's headers and the start of its body, then nothing. */
async function stalledUpload(port: number, key: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => undefined);
  socket.write(
    `POST /api/v1/events HTTP/1.1\r\nHost: hall\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"events":[`,
  );
  return socket;
}

// A stop (SIGTERM, as an orchestrator's rolling restart sends) while a device's upload has stalled
// half-sent: the server waits for it SHUTDOWN_GRACE_MS, then cuts it and stops cleanly, keeping
// what it had accepted. Without the bound it waited for as long as the device's socket lived.
describe('SIGTERM with an upload stalled half-sent', () => {
  let site: SiteDatabase;

  beforeAll(async () => {
    site = await siteDatabase('stall');
  });
  afterAll(() => site.close());

  it('stops within its grace and twice it, telling why, with every accepted event stored', async () => {
    const server = await startServerProcess(site.db.url, { RUN_MIGRATIONS: 'false', SHUTDOWN_GRACE_MS: String(GRACE_MS) });
    const res = await postEvents(server.url, site.key, ev('ticket.issued', { ticket: 'S1', department: 'd1', channel: 'walk_in' }));
    expect(res.body.results[0].status).toBe('accepted');
    const socket = await stalledUpload(server.port, site.key);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    try {
      const signalled = Date.now();
      const code = await server.stop('SIGTERM');
      const took = Date.now() - signalled;
      // Not the hard exit (code 1 at twice the grace): the cut connection let the close finish.
      expect({ code, took: took >= GRACE_MS && took < 2 * GRACE_MS }).toEqual({ code: null, took: true });
      expect(server.proc.signalCode).toBe('SIGTERM');
      expect(server.output()).toContain('requests still under way 1.5 s after SIGTERM; closing their connections');
      await closed;
    } finally {
      socket.destroy();
    }
    const [{ n }] = (await site.ds.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.issued'`)) as Array<{ n: number }>;
    expect(n).toBe(1);
  });
});
