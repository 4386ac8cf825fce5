import { IndicatorSnapshot, IndicatorUpdate, UPDATE_BURST, UPDATES_PER_SECOND } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { UpdateBudget } from '../../server/src/modules/live/update-budget';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

// The update budget of a site's clients: a flood of batches is pushed as at most
// UPDATES_PER_SECOND + UPDATE_BURST updates in any one second, and the last one holds every event.
// The budget is judged where it is decided, at the server's pushes: when the updates arrive at a
// client depends on how busy the machine is, not on the budget.

jest.setTimeout(60_000);

describe('live update budget', () => {
  let t: TestApp;
  let socket: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'lb', 2);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('coalesces a flood of batches into a few updates a second and loses none of them', async () => {
    const key = await t.deviceKey('lb');
    socket = io(`${t.url}/live`, { auth: { site: 'lb', token: await t.displayToken('lb') }, transports: ['websocket'] });
    const pushes: number[] = [];
    const spend = UpdateBudget.prototype.spend;
    jest.spyOn(UpdateBudget.prototype, 'spend').mockImplementation(function (this: UpdateBudget, now: number) {
      pushes.push(now);
      spend.call(this, now);
    });
    const updates: Array<{ waiting: number | null | undefined }> = [];
    socket.on('update', (u: IndicatorUpdate) => updates.push({ waiting: u.values['queue.waiting'] }));
    await new Promise<IndicatorSnapshot>((resolve) => socket.once('snapshot', resolve));

    // 80 batches of one ticket each, four at a time, as fast as the server takes them.
    const BATCHES = 80;
    for (let i = 0; i < BATCHES; i += 4)
      await Promise.all(
        [0, 1, 2, 3].map((k) => postEvents(t.url, key, ev('ticket.issued', { ticket: `F${i + k}`, department: 'd1', channel: 'walk_in' }))),
      );
    await until(() => updates.some((u) => u.waiting === BATCHES));

    const limit = UPDATES_PER_SECOND + UPDATE_BURST;
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes) expect(pushes.filter((q) => q >= p && q < p + 1000).length).toBeLessThanOrEqual(limit);
    // Fewer updates than batches: they were coalesced, not queued one per batch.
    expect(updates.length).toBeLessThan(BATCHES);
    const counts = updates.map((u) => u.waiting).filter((w): w is number => typeof w === 'number');
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
