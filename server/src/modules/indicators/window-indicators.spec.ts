import { RegistryFacts } from './registry-facts';
import { coveringEntry, onLeaveWithin, RegisterEntryFact } from './absence-register';
import { awayBreach, awayBreachSince, PresenceFact, windowStaffValues } from './window-indicators';

const now = new Date('2026-03-02T03:00:00.000Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);

describe('awayBreachSince', () => {
  const away = (reason: string | null, sec: number) => ({ state: 'away' as const, reason, since: ago(sec) });
  it('counts an unregistered absence at once', () => {
    expect(awayBreachSince(away('unregistered', 5), now, 900)).toEqual(ago(5));
  });
  it('counts a break only once it outlasts the allowed break, from that moment', () => {
    expect(awayBreachSince(away('break', 900), now, 900)).toBeNull();
    expect(awayBreachSince(away('break', 901), now, 900)).toEqual(ago(1));
  });
  it('counts declared official business or a meeting at once unless an approved entry covers it, and never staff on post', () => {
    expect(awayBreach(away('official_business', 9000), now, 900)).toEqual({ kind: 'outing_unregistered', since: ago(9000) });
    expect(awayBreachSince(away('meeting', 60), now, 900)).toEqual(ago(60));
    const cover = { id: 'e1', kind: 'meeting' as const, until: ago(-600) };
    expect(awayBreachSince({ ...away('meeting', 9000), cover }, now, 900)).toBeNull();
    expect(awayBreachSince({ state: 'on_post', reason: null, since: ago(9000) }, now, 900)).toBeNull();
  });
  it('counts a covered absence from the end of its cover, whatever was declared', () => {
    const cover = { id: 'e1', kind: 'sick_leave' as const, until: ago(120) };
    expect(awayBreach({ ...away('break', 9000), cover }, now, 900)).toEqual({ kind: 'cover_ended', since: ago(120) });
    expect(awayBreach({ ...away('unregistered', 9000), cover: { ...cover, until: now } }, now, 900)).toBeNull();
  });
});

describe('coveringEntry', () => {
  const at = (min: number) => new Date(now.getTime() + min * 60_000);
  const entry = (kind: RegisterEntryFact['kind'], from: number, until: number, id: string = kind): RegisterEntryFact => ({
    id,
    staff: 's1',
    kind,
    from: at(from),
    until: at(until),
  });
  const left = (reason: string | null, min: number) => ({ staff: 's1', reason, since: at(min) });

  it('covers a departure of the declared kind from 15 minutes before the entry to its end', () => {
    const e = entry('official_business', 0, 60);
    expect(coveringEntry([e], left('official_business', -15))).toBe(e);
    expect(coveringEntry([e], left('official_business', 60))).toBe(e);
    expect(coveringEntry([e], left('official_business', -16))).toBeNull();
    expect(coveringEntry([e], left('official_business', 61))).toBeNull();
    expect(coveringEntry([e], left('meeting', 10))).toBeNull();
    expect(coveringEntry([e], left('break', 10))).toBeNull();
    expect(coveringEntry([e], { ...left('official_business', 10), staff: 's2' })).toBeNull();
  });
  it('lets approved leave cover whatever was declared, and takes the entry reaching furthest', () => {
    const leave = entry('personal_leave', 0, 240);
    expect(coveringEntry([leave], left('unregistered', 30))).toBe(leave);
    const short = entry('meeting', 0, 30, 'short');
    expect(coveringEntry([short, leave], left('meeting', 10))).toBe(leave);
  });
  it('explains a roster absence by leave overlapping the look-back, not by an outing', () => {
    expect(onLeaveWithin([entry('annual_leave', -100, -50)], 's1', at(-60), now)).toBe(true);
    expect(onLeaveWithin([entry('annual_leave', -100, -70)], 's1', at(-60), now)).toBe(false);
    expect(onLeaveWithin([entry('official_business', -100, 50)], 's1', at(-60), now)).toBe(false);
  });
});

describe('windowStaffValues', () => {
  const registry: RegistryFacts = {
    departments: new Map(),
    windows: new Map([
      ['01', { code: '01', department: 'gjj', kind: 'general', isOpen: true }],
      ['02', { code: '02', department: 'gjj', kind: 'general', isOpen: true }],
      ['03', { code: '03', department: 'gjj', kind: 'general', isOpen: true }],
      ['04', { code: '04', department: 'yb', kind: 'general', isOpen: true }],
    ]),
    staff: new Map([
      ['a', { code: 'a', name: 'A', department: 'gjj', onRoster: true, lastSignedInAt: ago(60) }],
      ['b', { code: 'b', name: 'B', department: 'gjj', onRoster: true, lastSignedInAt: ago(31 * 86_400) }],
      ['c', { code: 'c', name: 'C', department: 'yb', onRoster: true, lastSignedInAt: null }],
      ['d', { code: 'd', name: 'D', department: 'yb', onRoster: false, lastSignedInAt: ago(60) }],
    ]),
  };
  const p = (staff: string, window: string, state: 'on_post' | 'away', reason: string | null = null): PresenceFact => ({
    staff,
    window,
    state,
    reason,
    since: ago(1000),
    department: registry.windows.get(window)?.department ?? null,
  });
  const presence = [
    p('a', '01', 'on_post'),
    p('x', '01', 'away', 'unregistered'),
    p('b', '02', 'away', 'break'),
    p('d', '04', 'on_post'),
    p('y', '99', 'on_post'),
  ];
  const tickets = new Map([
    ['01', { done: 6, busy: true }],
    ['02', { done: 2, busy: false }],
    ['03', { done: 9, busy: true }], // nobody signed in there: not open, so not serving either
  ]);
  const r = windowStaffValues(presence, registry, tickets, now, 900);

  it('counts distinct staffed windows, serving and idle, for the site including unknown windows', () => {
    expect(r.site).toMatchObject({
      'windows.open': 4,
      'windows.serving': 1,
      'windows.idle': 3,
      'staff.on_post': 3,
      'staff.away.unregistered': 2,
    });
    expect(r.site).not.toHaveProperty('windows.imbalance');
  });
  it('gives each department its own windows, staff and roster', () => {
    expect(r.departments.get('gjj')).toEqual({
      'windows.open': 2,
      'windows.serving': 1,
      'windows.idle': 1,
      'windows.imbalance': 1, // loads 6 and 2: spread 4 over mean 4
      'staff.on_post': 1,
      'staff.away.unregistered': 2,
      'roster.presence': 0.5, // b was last seen 31 days ago
    });
    expect(r.departments.get('yb')).toMatchObject({ 'windows.open': 1, 'windows.imbalance': null, 'roster.presence': 0 });
  });
  it('takes roster presence over roster staff only', () => {
    expect(r.site['roster.presence']).toBeCloseTo(1 / 3, 12);
  });
  it('counts a roster member on approved leave as explained, not missing', () => {
    const onLeave = windowStaffValues(presence, registry, tickets, now, 900, (staff) => staff === 'c');
    expect(onLeave.departments.get('yb')).toMatchObject({ 'roster.presence': 1 });
    expect(onLeave.site['roster.presence']).toBeCloseTo(2 / 3, 12);
  });
});
