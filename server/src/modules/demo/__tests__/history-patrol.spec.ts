import { HallEvent, validateEvent } from '@hallwatch/shared';
import { addDays } from '../../../core/time/zoned-time';
import { DEFAULT_CHECKPOINTS } from '../../patrol/default-checkpoints';
import { planDay, roundDoubts, roundState } from '../../patrol/round-rules';
import { patrolDay } from '../history-patrol';

const CHECKPOINTS = DEFAULT_CHECKPOINTS.map((c, i) => ({ code: c.code, scanCode: `CODE${i}XYZ` }));
const TIMES = ['09:00', '11:00', '14:30', '16:30'];
const TZ = 'Asia/Shanghai';
const dayOf = (day: string, seed = 1) =>
  patrolDay({ day, times: TIMES, checkpoints: CHECKPOINTS, timeZone: TZ, seed, idPrefix: `hist-${day}-` });

/** Each round of the days judged by the rules the server judges them by, an hour after the last one. */
function judge(days: string[]) {
  const out: string[] = [];
  for (const day of days) {
    const events = dayOf(day);
    for (const r of planDay(day, TIMES, TZ)) {
      const mine = events.filter((e) => (e.data as { round: string }).round === r.code);
      const at = (type: string) => {
        const e = mine.find((x) => x.type === type);
        return e ? new Date(e.occurredAt) : null;
      };
      const checks = mine
        .filter((e) => e.type === 'round.check')
        .map((e) => {
          const d = e.data as { checkpoint: string; code: string };
          const confirmed = CHECKPOINTS.some((c) => c.code === d.checkpoint && c.scanCode === d.code);
          return { checkpoint: d.checkpoint, confirmed, at: new Date(e.occurredAt) };
        });
      const facts = { ...r, startedAt: at('round.started'), completedAt: at('round.completed') };
      const doubts = roundDoubts(
        facts,
        CHECKPOINTS.map((c) => c.code),
        checks,
        { leadMin: 15, minDurationSec: 300 },
      );
      out.push(roundState({ ...facts, doubts }, new Date(r.missedAt.getTime() + 3_600_000)));
    }
  }
  return out;
}

describe('the demo history’s patrol rounds', () => {
  const days = Array.from({ length: 120 }, (_, i) => addDays('2026-01-05', i));

  it('posts only events the ingest contract accepts, under ids fixed by the day and round', () => {
    const events: HallEvent[] = days.slice(0, 10).flatMap((d) => dayOf(d));
    expect(events.map((e) => validateEvent(e, new Date('2027-01-01T00:00:00Z'))).filter((v) => !v.ok)).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(dayOf('2026-01-05')).toEqual(dayOf('2026-01-05'));
    expect(dayOf('2026-01-05')[0].id).toBe('hist-2026-01-05-r1-s');
  });

  it('walks most rounds properly, rushes or skips a few (存疑), misses a few', () => {
    const states = judge(days);
    const share = (s: string) => states.filter((x) => x === s).length / states.length;
    expect(share('done')).toBeGreaterThan(0.85);
    expect(share('doubtful')).toBeGreaterThan(0.02);
    expect(share('missed')).toBeGreaterThan(0.01);
    expect(share('done') + share('doubtful') + share('missed')).toBe(1);
  });

  it('finds something once or twice a working day, naming a department where one answers for it', () => {
    const findings = days.flatMap((d) => dayOf(d)).filter((e) => (e.data as { result?: string }).result === 'finding');
    expect(findings.length).toBeGreaterThan(days.length * 0.8);
    expect(findings.length).toBeLessThan(days.length * 2.5);
    const data = findings.map((f) => f.data as { checkpoint: string; department?: string; note?: string; severity?: string });
    expect(data.every((d) => d.note && d.severity)).toBe(true);
    expect(data.filter((d) => d.checkpoint === 'back-office').every((d) => d.department)).toBe(true);
    expect(data.filter((d) => d.checkpoint === 'first-aid').every((d) => !d.department)).toBe(true);
  });
});
