import type { PatrolRoundView, PatrolTodayView } from '@hallwatch/shared';
import { copyTime, mergeRound } from './local-day';

const round = (extra: Partial<PatrolRoundView> = {}): PatrolRoundView => ({
  code: '2024-07-15-1',
  day: '2024-07-15',
  slot: 1,
  time: '09:00',
  dueAt: '2024-07-15T01:00:00.000Z',
  overdueAt: '2024-07-15T01:30:00.000Z',
  missedAt: '2024-07-15T02:00:00.000Z',
  state: 'due',
  startedAt: null,
  startedBy: null,
  completedAt: null,
  completedBy: null,
  checks: [],
  ...extra,
});

describe("the phone's view of a round", () => {
  it('shows what this phone recorded before the server has it, and marks it unsent', () => {
    const local = {
      startedAt: '2024-07-15T01:05:00.000Z',
      checks: { nameplate: { eventId: 'rc-1', result: 'finding' as const, at: '2024-07-15T01:06:00.000Z', department: 'd1' } },
    };
    const view = mergeRound(round(), local);
    expect(view.state).toBe('in_progress');
    expect(view.latest.nameplate).toMatchObject({ result: 'finding', department: 'd1' });
    expect(view.unsent).toBe(true);
  });

  it('is done when completed before the deadline, even if the server still says missed', () => {
    const view = mergeRound(round({ state: 'missed' }), { completedAt: '2024-07-15T01:55:00.000Z', checks: {} });
    expect(view.state).toBe('done');
  });

  it('keeps the newest check per checkpoint and is sent once the server has every record', () => {
    const server = round({
      state: 'in_progress',
      startedAt: '2024-07-15T01:05:00.000Z',
      checks: [
        {
          eventId: 'rc-1',
          checkpoint: 'nameplate',
          result: 'finding',
          department: 'd1',
          window: null,
          severity: 'low',
          note: null,
          occurredAt: '2024-07-15T01:06:00.000Z',
        },
      ],
    });
    const local = {
      startedAt: '2024-07-15T01:05:00.000Z',
      checks: { nameplate: { eventId: 'rc-2', result: 'ok' as const, at: '2024-07-15T01:08:00.000Z' } },
    };
    expect(mergeRound(server, local).latest.nameplate.result).toBe('ok');
    expect(mergeRound(server, local).unsent).toBe(true);
    expect(mergeRound(server, { startedAt: '2024-07-15T01:05:00.000Z', checks: {} }).unsent).toBe(false);
  });
});

describe('the time of the copy shown offline', () => {
  // Loaded at 09:04 in the hall (UTC+8) on 15 July.
  const copy = { day: '2024-07-15', serverTime: '2024-07-15T01:04:30.000Z', utcOffsetMinutes: 480 } as PatrolTodayView;

  it("is the hall's HH:MM for a copy of today, whatever the phone's own time zone", () => {
    expect(copyTime(copy, Date.parse('2024-07-15T07:30:00.000Z'))).toBe('09:04');
  });

  it('names its day once the hall has moved on to the next, so an old copy never passes for today', () => {
    // 00:30 on the 16th in the hall is still the 15th in UTC.
    expect(copyTime(copy, Date.parse('2024-07-15T16:30:00.000Z'))).toBe('2024-07-15 09:04');
  });
});
