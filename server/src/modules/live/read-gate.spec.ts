import { ReadGate } from './read-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const flush = () => new Promise((r) => setImmediate(r));

describe('ReadGate', () => {
  it('runs at most `limit` reads at once, and a change before the clock once a slot frees', async () => {
    const gate = new ReadGate(2);
    const order: string[] = [];
    const holds = [deferred(), deferred()];
    const first = holds.map((h, i) => gate.run('clock', async () => (order.push(`clock${i}`), h.promise)));
    const later = [
      gate.run('clock', async () => void order.push('clock2')),
      gate.run('change', async () => void order.push('change0')),
      gate.run('clock', async () => void order.push('clock3')),
      gate.run('change', async () => void order.push('change1')),
    ];
    await flush();
    expect(order).toEqual(['clock0', 'clock1']);
    expect(gate.queued()).toEqual({ change: 2, clock: 2 });
    holds[0].resolve();
    await Promise.all([...first.slice(0, 1), ...later.slice(1, 2)]);
    holds[1].resolve();
    await Promise.all([...first, ...later]);
    expect(order).toEqual(['clock0', 'clock1', 'change0', 'change1', 'clock2', 'clock3']);
    expect(gate.queued()).toEqual({ change: 0, clock: 0 });
  });

  it('frees the slot of a read that fails, and passes its error on', async () => {
    const gate = new ReadGate(1);
    await expect(gate.run('change', async () => Promise.reject(new Error('pool gone')))).rejects.toThrow('pool gone');
    await expect(gate.run('clock', async () => 7)).resolves.toBe(7);
  });
});
