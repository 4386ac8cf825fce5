import fc from 'fast-check';
import { UpdateBudget } from './update-budget';

/** Drives the budget the way the publisher does: a change at each arrival, a push as soon as allowed. */
function pushes(arrivals: number[], perSecond: number, burst: number): number[] {
  const budget = new UpdateBudget(perSecond, burst, 0);
  const out: number[] = [];
  let pendingSince: number | null = null;
  const events = [...arrivals].sort((a, b) => a - b);
  let t = 0;
  let i = 0;
  while (i < events.length || pendingSince !== null) {
    if (pendingSince === null) {
      t = Math.max(t, events[i++]);
      pendingSince = t;
    }
    const wait = budget.waitMs(t);
    if (wait > 0) {
      // Changes arriving while the push waits join it.
      t += wait;
      while (i < events.length && events[i] <= t) i++;
      continue;
    }
    budget.spend(t);
    out.push(t);
    pendingSince = null;
    while (i < events.length && events[i] <= t) i++;
  }
  return out;
}

describe('UpdateBudget', () => {
  it('lets a change in a calm site go out at once', () => {
    const b = new UpdateBudget(5, 2, 0);
    for (const t of [0, 400, 800, 1200, 5000]) {
      expect(b.waitMs(t)).toBe(0);
      b.spend(t);
    }
  });

  it('holds a change back once the burst is spent, until a token has refilled', () => {
    const b = new UpdateBudget(5, 2, 0);
    b.spend(0);
    b.spend(10);
    // 1 token at 5 a second takes 200 ms; 10 ms of refill are already in.
    expect(b.waitMs(10)).toBe(190);
    expect(b.waitMs(201)).toBe(0);
  });

  it('never allows more than perSecond + burst pushes in any one second, whatever the arrivals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 400 }), (arrivals) => {
        const sent = pushes(arrivals, 5, 2);
        for (let k = 0; k < sent.length; k++) {
          const within = sent.filter((t) => t >= sent[k] && t < sent[k] + 1000).length;
          expect(within).toBeLessThanOrEqual(7);
        }
        // Every arrival is covered by a push at or after it.
        const last = Math.max(...arrivals);
        expect(sent[sent.length - 1]).toBeGreaterThanOrEqual(last);
      }),
    );
  });
});
