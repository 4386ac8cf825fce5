import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { PatrolScheduleService } from '../../server/src/modules/patrol/patrol-schedule.service';
import { standaloneEvents } from '../../server/src/modules/domain-events/domain-events';
import { calendarWithoutQueue } from '../../server/src/modules/reviews/follow-up-calendar';
import { displayTokenOn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { hall, MONDAY, roundsOf, waitFor } from '../support/patrol';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-db';
import { REDIS_URL, runId } from '../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

jest.setTimeout(120_000);

// A server that runs no workers and a `hallwatch worker` beside it, as two real processes. A
// patrol round falls due in the worker; the wall connected to the server must hear it through
// the relayed domain event. The server's periodic refresh is set to ten minutes, so nothing but
// that event can bring the update within this test.

const SITE = 'pww';
const R1 = `${MONDAY}-1`;
// Long enough for a cold worker process to start and plan the day on a busy machine.
const LEAD_MS = 12_000;

describe('a patrol step in a separate worker process reaches the wall', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let server: ServerProcess;
  let worker: WorkerProcess | undefined;
  let socket: Socket | undefined;
  let prefix: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, SITE);
    await new PatrolScheduleService(ds, calendarWithoutQueue(ds, standaloneEvents([]))).updateSchedule(
      SITE,
      { enabled: true },
      hall(MONDAY, '08:00:00'),
    );
    prefix = `${runId()}:${randomBytes(3).toString('hex')}`;
    // The wall's clock reads a minute after round 1's time, frozen: it counts what the worker stored.
    server = await startServerProcess(db.url, {
      REDIS_PREFIX: prefix,
      RUN_WORKERS: 'false',
      LIVE_REFRESH_MS: '600000',
      FIXED_CLOCK: hall(MONDAY, '09:01:00').toISOString(),
    });
  });
  afterAll(async () => {
    socket?.close();
    await worker?.stop('SIGKILL');
    await server?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  it('pushes the round falling due to the connected wall', async () => {
    const token = await displayTokenOn(ds, SITE);
    const updates: IndicatorUpdate[] = [];
    const snapshots: IndicatorSnapshot[] = [];
    socket = io(`${server.url}/live`, { auth: { token }, transports: ['websocket'] });
    socket.on('update', (u: IndicatorUpdate) => updates.push(u));
    socket.on('snapshot', (s: IndicatorSnapshot) => snapshots.push(s));
    await waitFor(
      async () => snapshots.length,
      (n) => n > 0,
      15_000,
      'first snapshot',
    );
    expect(snapshots[0].values['patrol.rounds.due']).toBe(0);

    const due = hall(MONDAY, '09:00:00');
    worker = await startWorkerProcess({ DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix }, due.getTime() - (Date.now() + LEAD_MS));
    await waitFor(
      async () => (await roundsOf(ds, SITE, MONDAY)).find((r) => r.code === R1)?.state,
      (s) => s === 'due',
      LEAD_MS + 20_000,
      'round 1 due',
    );
    const dueSeen = () => [...updates, ...snapshots.slice(1)].some((u) => u.values['patrol.rounds.due'] === 1);
    // Within 2 s of the step being stored (docs/architecture.md, path 2): only the relayed event is that quick.
    await waitFor(
      async () => dueSeen(),
      (seen) => seen,
      2_000,
      'the wall hearing round 1 due',
    );
    expect(worker.output()).not.toMatch(/failed|Error/);
  });
});
