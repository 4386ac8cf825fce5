import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

// A batch's snapshot is read inside its own transaction and pushed as it commits. Neither a
// failed read nor a batch that rolls back afterwards may cost the batch or stop the pushes.

jest.setTimeout(60_000);

describe('snapshots read before the commit', () => {
  let t: TestApp;
  let key: string;
  let socket: Socket;
  const waiting: number[] = [];
  let failRead = false;
  let n = 0;
  const issue = (prefix = 'P') =>
    postEvents(t.url, key, ev('ticket.issued', { ticket: `${prefix}${++n}`, department: 'd1', channel: 'walk_in' }));

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'lp', 2);
    key = await t.deviceKey('lp');
    // An alert source that breaks the read with an SQL error, only inside an ingest transaction.
    t.app.get(IndicatorsService).addAlertSource({
      alerts: async (em) => {
        if (failRead && em.queryRunner?.isTransactionActive) await em.query('SELECT 1 / 0');
        return [];
      },
    });
    // The database refuses a ticket numbered R… at COMMIT, after the batch's snapshot was read.
    await t.ds.query(`CREATE FUNCTION refuse_r_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ticket % refused at commit', NEW.ticket; END $$`);
    await t.ds.query(`CREATE CONSTRAINT TRIGGER refuse_r_ticket AFTER INSERT ON tickets DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.ticket LIKE 'R%') EXECUTE FUNCTION refuse_r_ticket()`);
    socket = io(`${t.url}/live`, { auth: { site: 'lp', token: await t.displayToken('lp') }, transports: ['websocket'] });
    const record = (u: IndicatorUpdate | IndicatorSnapshot) => {
      const w = u.values['queue.waiting'];
      if (typeof w === 'number') waiting.push(w);
    };
    socket.on('update', record);
    await new Promise<IndicatorSnapshot>((resolve) => socket.once('snapshot', resolve));
    socket.on('snapshot', record);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('pushes each calm batch with the batch in it', async () => {
    for (let i = 1; i <= 3; i++) {
      expect((await issue()).body.results[0].status).toBe('accepted');
      await until(() => waiting.includes(i));
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('keeps a batch whose snapshot read fails, and pushes it by a recompute after the commit', async () => {
    failRead = true;
    try {
      const res = await issue();
      expect(res.status).toBe(200);
      expect(res.body.results[0].status).toBe('accepted');
    } finally {
      failRead = false;
    }
    const [{ count }] = await t.ds.query(`SELECT count(*)::int AS count FROM tickets WHERE ticket = $1`, [`P${n}`]);
    expect(count).toBe(1);
    await until(() => waiting.includes(4));
  });

  it('goes on pushing after a batch rolls back once its snapshot was read', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const res = await issue('R');
    expect(res.status).toBeGreaterThanOrEqual(500);
    const [{ count }] = await t.ds.query(`SELECT count(*)::int AS count FROM tickets WHERE ticket = $1`, [`R${n}`]);
    expect(count).toBe(0);
    // The refused ticket never shows; the next one does.
    expect((await issue()).body.results[0].status).toBe('accepted');
    await until(() => waiting.includes(5));
    expect(Math.max(...waiting)).toBe(5);
  });
});
