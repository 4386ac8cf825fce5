import { HallEvent } from '@hallwatch/shared';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { hallDayOf } from '../hall-day-profile';
import { HallSimulation, simulateDay } from '../hall-simulation';
import { DeviceKeyRefused, retryAfterMs } from '../ingest-client';
import { eventsFrom, runSimulator } from '../simulator-runner';
import { demoStaff } from '../seed-demo';
import { staffProblems, ticketProblems } from './hall-checks';

type Handler = (req: IncomingMessage, body: { events: HallEvent[] }, res: ServerResponse) => void;

/** A stand-in for the ingest endpoint that records what it is sent. */
async function fakeServer(handler: Handler): Promise<{ url: string; received: HallEvent[][]; close: () => Promise<void> }> {
  const received: HallEvent[][] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { events: HallEvent[] };
      received.push(body.events);
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

const acceptAll = (body: { events: HallEvent[] }, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ results: body.events.map((e) => ({ id: e.id, status: 'accepted' })) }));
};

const DAY = '2024-06-03';
const UNTIL = new Date('2024-06-03T09:00:00+08:00');
const quiet = () => undefined;

describe('eventsFrom: joining a hall day part-way', () => {
  const day = simulateDay({ day: DAY, seed: 2 });
  const from = Date.parse('2024-06-03T11:00:00+08:00');
  const joined = eventsFrom(day, from);

  it('sends everything from then on, plus the past of what is still open', () => {
    const later = day.filter((e) => Date.parse(e.occurredAt) >= from);
    expect(joined.slice(joined.length - later.length)).toEqual(later);
    expect(joined.length).toBeGreaterThan(later.length);
    expect(joined.length).toBeLessThan(later.length + 600);
  });

  it('leaves the server a coherent picture: no ticket or staff member appears out of nowhere', () => {
    const roster = new Map(demoStaff().map((s) => [s.code, s.window]));
    expect(ticketProblems(joined, { finished: true })).toEqual([]);
    expect(staffProblems(joined, roster, { finished: true })).toEqual([]);
  });
});

describe('runSimulator against a stand-in server', () => {
  it('replays the start of a day, in order and complete over a reliable network', async () => {
    const s = await fakeServer((_req, body, res) => acceptAll(body, res));
    try {
      const summary = await runSimulator({
        url: s.url,
        key: 'k',
        mode: { kind: 'replay', day: DAY, speed: 0, until: UNTIL },
        network: false,
        log: quiet,
      });
      const expected = new HallSimulation({ day: DAY }).advanceTo(UNTIL);
      expect(s.received.flat()).toEqual(expected);
      expect(summary).toMatchObject({
        sent: expected.length,
        accepted: expected.length,
        rejected: 0,
        retries: 0,
        hallTime: '2024-06-03T09:00:00+08:00',
      });
    } finally {
      await s.close();
    }
  });

  it('waits as Retry-After says on 503 and resends the same batch, and retries after a dropped connection', async () => {
    let calls = 0;
    const s = await fakeServer((req, body, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'retry-after': '1' }).end('{"message":"Database unavailable"}');
      } else if (calls === 2) req.socket.destroy();
      else acceptAll(body, res);
    });
    const lines: string[] = [];
    try {
      const t0 = Date.now();
      const summary = await runSimulator({
        url: s.url,
        key: 'k',
        mode: { kind: 'replay', day: DAY, speed: 0, until: UNTIL },
        log: (l) => lines.push(l),
      });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
      expect(s.received[0]).toEqual(s.received[1]);
      expect(s.received[1]).toEqual(s.received[2]);
      expect(summary.retries).toBe(2);
      const sentIds = new Set(
        s.received
          .slice(2)
          .flat()
          .map((e) => e.id),
      );
      expect(sentIds).toEqual(new Set(new HallSimulation({ day: DAY }).advanceTo(UNTIL).map((e) => e.id)));
      expect(lines.some((l) => l.includes('503'))).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('stops with a clear message when the device key is refused', async () => {
    const s = await fakeServer((_req, _body, res) => res.writeHead(401).end('{"message":"Unknown or revoked device key"}'));
    try {
      const run = runSimulator({ url: s.url, key: 'bad', mode: { kind: 'replay', day: DAY, speed: 0, until: UNTIL }, log: quiet });
      await expect(run).rejects.toThrow(DeviceKeyRefused);
      await expect(run).rejects.toThrow(/device key/);
      expect(s.received).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('refuses to replay a day that has not begun', async () => {
    await expect(
      runSimulator({ url: 'http://127.0.0.1:9', key: 'k', mode: { kind: 'replay', day: '2999-01-01', speed: 0 }, log: quiet }),
    ).rejects.toThrow(/has not begun/);
  });

  it('live: backfills the recent past, then follows the clock without future events', async () => {
    const s = await fakeServer((_req, body, res) => acceptAll(body, res));
    try {
      const from = new Date(Date.now() - 20 * 60_000);
      const summary = await runSimulator({ url: s.url, key: 'k', mode: { kind: 'live', from }, durationSec: 2, log: quiet });
      const sent = s.received.flat();
      expect(sent.length).toBeGreaterThan(0);
      expect(summary.accepted).toBe(sent.length);
      expect(sent.every((e) => Date.parse(e.occurredAt) <= Date.now())).toBe(true);
      expect(sent.every((e) => /-L\d{6}$/.test(e.id))).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('runSimulator: stopping', () => {
  it('stops a live run promptly on abort and still sends everything it held back', async () => {
    const s = await fakeServer((_req, body, res) => acceptAll(body, res));
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 1500);
      const from = new Date(Date.now() - 5 * 60_000);
      const t0 = Date.now();
      const summary = await runSimulator({
        url: s.url,
        key: 'k',
        seed: 4,
        mode: { kind: 'live', from },
        network: { seed: 4, delayRate: 0.5 },
        signal: controller.signal,
        log: quiet,
      });
      expect(Date.now() - t0).toBeLessThan(5000);
      const until = Date.parse(summary.hallTime);
      if (hallDayOf(from.getTime()) !== hallDayOf(until)) return; // a run across midnight spans two simulations
      const sim = new HallSimulation({ day: hallDayOf(until), seed: 4, mode: 'live' });
      const expected = eventsFrom(sim.advanceTo(new Date(until)), from.getTime());
      expect(new Set(s.received.flat().map((e) => e.id))).toEqual(new Set(expected.map((e) => e.id)));
    } finally {
      await s.close();
    }
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and caps the wait', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs(new Date(1_000_000 + 3000).toUTCString(), 1_000_000)).toBe(3000);
    expect(retryAfterMs('86400')).toBe(60_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
