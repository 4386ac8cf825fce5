import type { PatrolRoundView } from '@hallwatch/shared';
import { mergeRound } from './local-day';

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
