import fc from 'fast-check';
import { aggregateWaits, MinuteBucket, SecondBucket } from './wait-histogram';

/** The histogram rows the database triggers would hold for these waits. */
function bucketsOf(waits: Array<{ department: string; secs: number }>) {
  const seconds = new Map<string, SecondBucket>();
  const minutes = new Map<string, MinuteBucket>();
  for (const w of waits) {
    const s = seconds.get(`${w.department}/${w.secs}`) ?? { department: w.department, secs: w.secs, n: 0 };
    s.n += 1;
    seconds.set(`${w.department}/${w.secs}`, s);
    const minute = Math.floor(w.secs / 60);
    const m = minutes.get(`${w.department}/${minute}`) ?? { department: w.department, minute, n: 0, totalSec: 0 };
    m.n += 1;
    m.totalSec += w.secs;
    minutes.set(`${w.department}/${minute}`, m);
  }
  return { seconds: [...seconds.values()], minutes: [...minutes.values()] };
}

/** Straight from the sorted list: what the SQL over every wait used to compute. */
function direct(secs: number[], target: (i: number) => number) {
  const sorted = [...secs].sort((a, b) => a - b);
  return {
    count: secs.length,
    totalSec: secs.reduce((a, b) => a + b, 0),
    maxSec: secs.length ? sorted[sorted.length - 1] : null,
    p90Sec: secs.length ? sorted[Math.ceil(0.9 * sorted.length) - 1] : null,
    withinTarget: secs.filter((s, i) => s <= target(i)).length,
  };
}

const targets: Record<string, number> = { a: 900, b: 60, '': 600, c: 1799 };

describe('aggregateWaits', () => {
  it('equals a direct computation over every wait, per department and for the site', async () => {
    const wait = fc.record({ department: fc.constantFrom('a', 'b', 'c', ''), secs: fc.nat({ max: 7200 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(wait, { maxLength: 300 }), async (waits) => {
        const { seconds, minutes } = bucketsOf(waits);
        const asked: Array<[string, number]> = [];
        const result = await aggregateWaits(
          minutes,
          (d) => targets[d],
          async (pairs) => {
            asked.push(...pairs);
            return seconds.filter((s) => pairs.some(([d, m]) => d === s.department && Math.floor(s.secs / 60) === m));
          },
        );
        expect(result.site).toEqual(
          direct(
            waits.map((w) => w.secs),
            (i) => targets[waits[i].department],
          ),
        );
        for (const d of Object.keys(targets)) {
          const mine = waits.filter((w) => w.department === d);
          if (!mine.length) expect(result.departments.has(d)).toBe(false);
          else
            expect(result.departments.get(d)).toEqual(
              direct(
                mine.map((w) => w.secs),
                () => targets[d],
              ),
            );
        }
        // A bounded read: at most the p90, maximum and target minutes of each department, plus the site's p90 minute.
        expect(asked.length).toBeLessThanOrEqual(4 * 4);
      }),
      { numRuns: 300 },
    );
  });

  it('reads no seconds and reports nothing for a day without called waits', async () => {
    const read = jest.fn();
    const result = await aggregateWaits([], () => 900, read);
    expect(read).not.toHaveBeenCalled();
    expect(result.site).toEqual({ count: 0, totalSec: 0, maxSec: null, p90Sec: null, withinTarget: 0 });
    expect(result.departments.size).toBe(0);
  });

  it('skips buckets emptied by a correction', async () => {
    const minutes: MinuteBucket[] = [
      { department: 'a', minute: 3, n: 0, totalSec: 0 },
      { department: 'a', minute: 1, n: 1, totalSec: 70 },
    ];
    const seconds: SecondBucket[] = [
      { department: 'a', secs: 70, n: 1 },
      { department: 'a', secs: 200, n: 0 },
    ];
    const result = await aggregateWaits(
      minutes,
      () => 900,
      async () => seconds,
    );
    expect(result.departments.get('a')).toEqual({ count: 1, totalSec: 70, maxSec: 70, p90Sec: 70, withinTarget: 1 });
  });
});
