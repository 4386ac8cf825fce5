import type { IndicatorSnapshot } from '@hallwatch/shared';
import { LiveSocket, liveStore } from './live-store';

/** Just enough of a socket.io client to play the server's events into the store. */
function fakeSocket() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const socket = {
    on: (event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn),
    close: () => undefined,
  } as unknown as LiveSocket;
  return { socket, emit: (event: string, ...args: unknown[]) => handlers.get(event)?.(...args) };
}

const snapshot = { site: 'huiji', asOf: new Date().toISOString(), values: { 'queue.waiting': 3 }, departments: {} } as IndicatorSnapshot;

describe('live store freshness', () => {
  const { socket, emit } = fakeSocket();
  const store = liveStore('huiji', socket);
  // The store ticks every second: closed whatever the outcome, or jest would wait on it.
  afterAll(() => store.close());

  it('does not call the wall up to date on a heartbeat before it has any data to show', () => {
    emit('connect');
    emit('heartbeat', { serverTime: new Date().toISOString() });
    // A loaded server can send a heartbeat before the first snapshot: the wall is still connecting, not "0 秒前更新".
    expect(store.getState().lastHeardAt).toBeNull();
    emit('snapshot', snapshot);
    const first = store.getState().lastHeardAt;
    expect(first).not.toBeNull();
    emit('heartbeat', { serverTime: new Date().toISOString() });
    expect(store.getState().lastHeardAt).toBeGreaterThanOrEqual(first!);
  });
});
