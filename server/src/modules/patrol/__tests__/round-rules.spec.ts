import { noticeRemindAt, planDay, roundDoubts, roundState, roundTimes, stepAt, stepsReached } from '../round-rules';

const at = (hhmmss: string) => new Date(`2024-07-15T${hhmmss}+08:00`);
const round = (extra: { startedAt?: Date | null; completedAt?: Date | null } = {}) => ({
  ...roundTimes(at('09:00:00')),
  startedAt: extra.startedAt ?? null,
  completedAt: extra.completedAt ?? null,
});

describe('round state (docs/contracts/patrol.md)', () => {
  it('is due at its time, overdue 30 minutes later, missed at 60', () => {
    const r = round();
    expect(roundState(r, at('08:59:59'))).toBe('scheduled');
    expect(roundState(r, at('09:00:00'))).toBe('due');
    expect(roundState(r, at('09:29:59'))).toBe('due');
    expect(roundState(r, at('09:30:00'))).toBe('overdue');
    expect(roundState(r, at('10:00:00'))).toBe('missed');
  });

  it('a round started in time is in progress, and done when completed within the hour', () => {
    expect(roundState(round({ startedAt: at('09:05:00') }), at('09:45:00'))).toBe('in_progress');
    expect(roundState(round({ startedAt: at('09:05:00'), completedAt: at('09:20:00') }), at('12:00:00'))).toBe('done');
  });

  it('judges by when things happened, not when they arrived: a completion made at 09:55 counts at 11:00', () => {
    expect(roundState(round({ startedAt: at('09:40:00'), completedAt: at('09:55:00') }), at('11:00:00'))).toBe('done');
    expect(roundState(round({ startedAt: at('09:40:00'), completedAt: at('10:05:00') }), at('11:00:00'))).toBe('missed');
    expect(roundState(round({ startedAt: at('09:40:00') }), at('10:00:00'))).toBe('missed');
  });

  it('records each step that happened, and none that the patroller prevented', () => {
    expect(stepsReached(round(), at('10:00:00'))).toEqual(['due', 'overdue', 'missed']);
    expect(stepsReached(round({ startedAt: at('09:10:00') }), at('10:00:00'))).toEqual(['due', 'missed']);
    expect(stepsReached(round({ startedAt: at('09:10:00'), completedAt: at('09:20:00') }), at('10:00:00'))).toEqual(['due']);
    expect(stepAt(round({ startedAt: at('09:10:00') }), 'overdue')).toBeNull();
    expect(stepAt(round({ completedAt: at('09:20:00') }), 'missed')).toBeNull();
    expect(stepAt(round(), 'missed')).toEqual(at('10:00:00'));
  });
});

describe('planning', () => {
  it('plans the four default rounds on the hall clock', () => {
    const plan = planDay('2024-07-15', ['14:30', '09:00', '16:30', '11:00'], 'Asia/Shanghai');
    expect(plan.map((p) => [p.slot, p.time, p.code, p.dueAt.toISOString()])).toEqual([
      [1, '09:00', '2024-07-15-1', '2024-07-15T01:00:00.000Z'],
      [2, '11:00', '2024-07-15-2', '2024-07-15T03:00:00.000Z'],
      [3, '14:30', '2024-07-15-3', '2024-07-15T06:30:00.000Z'],
      [4, '16:30', '2024-07-15-4', '2024-07-15T08:30:00.000Z'],
    ]);
    expect(plan[0].overdueAt.toISOString()).toBe('2024-07-15T01:30:00.000Z');
    expect(plan[0].missedAt.toISOString()).toBe('2024-07-15T02:00:00.000Z');
  });
});

describe('notice reminders', () => {
  it('reminds a day ahead, or halfway for a short deadline', () => {
    const issued = new Date('2024-07-15T02:00:00Z');
    expect(noticeRemindAt(issued, new Date('2024-07-18T09:00:00Z')).toISOString()).toBe('2024-07-17T09:00:00.000Z');
    expect(noticeRemindAt(issued, new Date('2024-07-15T06:00:00Z')).toISOString()).toBe('2024-07-15T04:00:00.000Z');
  });
});

describe('a round really walked (docs/contracts/patrol.md)', () => {
  const rules = { leadMin: 15, minDurationSec: 300 };
  const check = (checkpoint: string, time: string, confirmed = true) => ({ checkpoint, confirmed, at: at(time) });
  const all = [check('a', '08:51:00'), check('b', '08:53:00')];
  const walked = round({ startedAt: at('08:50:00'), completedAt: at('08:55:00') });

  it('finds nothing wrong with a round started in its window, fully confirmed and long enough', () => {
    expect(roundDoubts(walked, ['a', 'b'], all, rules)).toEqual([]);
    const late = [check('a', '09:35:00')];
    expect(roundDoubts(round({ startedAt: at('09:29:59'), completedAt: at('09:40:00') }), ['a'], late, rules)).toEqual([]);
    expect(roundDoubts(round({ startedAt: at('09:05:00') }), ['a'], [], rules)).toEqual([]);
    // A check at the very moment of the start or of the completion is part of the walk.
    const edges = [check('a', '08:50:00'), check('b', '08:55:00')];
    expect(roundDoubts(walked, ['a', 'b'], edges, rules)).toEqual([]);
  });

  it('names each thing wrong: the window, a missing checkpoint, a wrong code, the duration', () => {
    const early = roundDoubts(round({ startedAt: at('08:44:59'), completedAt: at('08:55:00') }), ['a', 'b'], all, rules);
    expect(early.map((d) => d.reason)).toEqual(['outside_window']);
    const late = roundDoubts(
      round({ startedAt: at('09:30:00'), completedAt: at('09:40:00') }),
      ['a', 'b'],
      [check('a', '09:31:00'), check('b', '09:32:00')],
      rules,
    );
    expect(late).toEqual([{ reason: 'outside_window', opensAt: at('08:45:00').toISOString(), closesAt: at('09:30:00').toISOString() }]);
    const checks = [check('a', '08:51:00', false), check('a', '08:52:00', false)];
    expect(roundDoubts(walked, ['a', 'b'], checks, rules)).toEqual([
      { reason: 'missing_checkpoint', checkpoints: ['b'] },
      { reason: 'wrong_code', checkpoints: ['a'] },
    ]);
    expect(roundDoubts(round({ startedAt: at('09:00:00'), completedAt: at('09:00:00') }), [], [], rules)).toEqual([
      { reason: 'too_short', seconds: 0, minSeconds: 300 },
    ]);
  });

  it('holds a round 存疑 when a check is dated before its start or after its completion, naming the check', () => {
    const checks = [check('a', '08:49:59'), check('b', '08:53:00'), check('b', '08:55:01')];
    expect(roundDoubts(walked, ['a', 'b'], checks, rules)).toEqual([
      {
        reason: 'check_outside_round',
        checkpoints: ['a', 'b'],
        checks: [
          { checkpoint: 'a', at: at('08:49:59').toISOString() },
          { checkpoint: 'b', at: at('08:55:01').toISOString() },
        ],
        from: at('08:50:00').toISOString(),
        to: at('08:55:00').toISOString(),
      },
    ]);
  });

  it('bounds the checks by the window too: a start before the window does not widen it', () => {
    const early = round({ startedAt: at('08:30:00'), completedAt: at('08:50:00') });
    const doubts = roundDoubts(early, ['a'], [check('a', '08:40:00')], rules);
    expect(doubts.map((d) => d.reason)).toEqual(['outside_window', 'check_outside_round']);
    expect(doubts[1]).toMatchObject({ from: at('08:45:00').toISOString(), to: at('08:50:00').toISOString() });
  });

  it('a confirmed check of a checkpoint outweighs a wrong one; a round with doubts is 存疑, never done', () => {
    expect(roundDoubts(walked, ['a'], [check('a', '08:51:00', false), ...all], rules)).toEqual([]);
    const doubts = roundDoubts(walked, ['c'], all, rules);
    expect(roundState({ ...walked, doubts }, at('12:00:00'))).toBe('doubtful');
    expect(roundState({ ...walked, doubts: [] }, at('12:00:00'))).toBe('done');
  });
});
