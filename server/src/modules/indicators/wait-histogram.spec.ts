import fc from 'fast-check';
import { aggregateWaits, MinuteBucket, SecondAnswers, SecondQuestions } from './wait-histogram';

interface SecondBucket {
  department: string;
  secs: number;
  n: number;
}

/** The k-th smallest second (1-based) among buckets, as the database's running sum finds it. */
function atRank(buckets: SecondBucket[], rank: number): number | undefined {
  let seen = 0;
  for (const b of [...buckets].filter((x) => x.n !== 0).sort((x, y) => x.secs - y.secs)) {
    seen += b.n;
    if (seen >= rank) return b.secs;
  }
  return undefined;
}

/** Answers the questions over the seconds as the database would, the site's seconds being every department's. */
function answer(seconds: SecondBucket[], q: SecondQuestions): SecondAnswers {
  const of = (d: string) => seconds.filter((s) => s.department === d && s.n !== 0);
  const inMinute = (list: SecondBucket[], minute: number) => list.filter((s) => Math.floor(s.secs / 60) === minute);
  const set = (m: Map<string, number>, k: string, v: number | undefined) => (v === undefined ? m : m.set(k, v));
  const a: SecondAnswers = { max: new Map(), within: new Map(), ranks: new Map(), siteRank: null };
  for (const d of q.max) set(a.max, d, of(d).length ? Math.max(...of(d).map((s) => s.secs)) : undefined);
  for (const w of q.within)
    a.within.set(
      w.department,
      of(w.department)
        .filter((s) => s.secs >= w.from && s.secs <= w.to)
        .reduce((n, s) => n + s.n, 0),
    );
  for (const r of q.ranks) set(a.ranks, r.department, atRank(inMinute(of(r.department), r.minute), r.rank));
  if (q.siteRank) a.siteRank = atRank(inMinute(seconds, q.siteRank.minute), q.siteRank.rank) ?? null;
  return a;
}

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
        const asked: SecondQuestions[] = [];
        const result = await aggregateWaits(
          minutes,
          (d) => targets[d],
          async (q) => {
            asked.push(q);
            return answer(seconds, q);
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
        // One round trip, asking at most one maximum, one target minute and one rank per department.
        expect(asked.length).toBeLessThanOrEqual(1);
        const departments = new Set(waits.map((w) => w.department)).size;
        for (const q of asked) {
          expect(q.max.length).toBe(departments);
          expect(q.ranks.length).toBe(departments);
          expect(q.within.length).toBeLessThanOrEqual(departments);
          for (const w of q.within) expect(w.to - w.from).toBeLessThan(60);
        }
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
      async (q) => answer(seconds, q),
    );
    expect(result.departments.get('a')).toEqual({ count: 1, totalSec: 70, maxSec: 70, p90Sec: 70, withinTarget: 1 });
  });
});
