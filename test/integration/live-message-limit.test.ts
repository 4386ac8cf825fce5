import { Socket } from 'socket.io-client';
import { liveSocket } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// A wall has nothing to send, but any client may write to its socket: each connection gets a
// small allowance of messages; past it they are dropped and the client told once, and a client
// that keeps flooding is disconnected.

// Far beyond what the exchange takes: what is asserted is that it happens.
const SETTLES_WITHIN_MS = 20_000;
const within = <T>(p: Promise<T>) =>
  Promise.race([p, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), SETTLES_WITHIN_MS).unref())]);

describe('messages from live socket clients', () => {
  let t: TestApp;
  let token: string;
  const sockets: Socket[] = [];
  const open = async () => {
    const s = await liveSocket(t.url, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp({ LIVE_CLIENT_MESSAGES_PER_SECOND: '1', LIVE_CLIENT_MESSAGE_BURST: '5', LIVE_CLIENT_MESSAGE_DROPS: '20' });
    await makeSite(t.ds, 'msg', 1);
    token = await t.displayToken('msg');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('tells a flooding client once that its messages are dropped, then disconnects it; a quiet one stays', async () => {
    const flood = await open();
    const quiet = await open();
    const errors: unknown[] = [];
    flood.on('error', (e: unknown) => errors.push(e));
    const quietErrors: unknown[] = [];
    quiet.on('error', (e: unknown) => quietErrors.push(e));
    const gone = new Promise<string>((resolve) => flood.once('disconnect', (reason) => resolve(reason)));

    for (let i = 0; i < 3; i++) quiet.emit('hello', i);
    for (let i = 0; i < 200 && flood.connected; i++) flood.emit('spam', 'x'.repeat(100));

    expect(await within(gone)).toBe('io server disconnect');
    expect(errors).toEqual([
      { code: 'rate_limited', message: expect.stringMatching(/too many messages/), retryAfterMs: expect.any(Number) },
    ]);
    // The next heartbeat shows the quiet client still served.
    expect(await within(new Promise((resolve) => quiet.once('heartbeat', () => resolve('beat'))))).toBe('beat');
    expect(quiet.connected).toBe(true);
    expect(quietErrors).toEqual([]);
  });
});
