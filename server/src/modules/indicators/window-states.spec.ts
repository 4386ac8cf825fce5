import { RegistryFacts } from './registry-facts';
import { PresenceFact } from './window-indicators';
import { NO_ACTIVITY, WindowActivity, windowStates } from './window-states';

const now = new Date('2026-03-02T03:00:00.000Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);

const registry: RegistryFacts = {
  departments: new Map(),
  windows: new Map([
    ['01', { code: '01', number: 1, department: 'gjj', kind: 'general', isOpen: true }],
    ['02', { code: '02', number: 2, department: 'gjj', kind: 'general', isOpen: true }],
    ['03', { code: '03', number: 3, department: 'gjj', kind: 'general', isOpen: true }],
    ['04', { code: '04', number: 4, department: 'yb', kind: 'general', isOpen: true }],
    ['05', { code: '05', number: 5, department: 'yb', kind: 'general', isOpen: true }],
    ['06', { code: '06', number: 6, department: 'yb', kind: 'general', isOpen: true }],
    ['07', { code: '07', number: 7, department: 'yb', kind: 'tidal', isOpen: false }],
    ['10', { code: '10', number: 10, department: 'yb', kind: 'general', isOpen: true }],
  ]),
  staff: new Map([
    ['a', { code: 'a', name: '王伟', department: 'gjj', onRoster: true, lastSignedInAt: ago(3600) }],
    ['b', { code: 'b', name: '李娜', department: 'gjj', onRoster: true, lastSignedInAt: ago(3600) }],
    ['c', { code: 'c', name: '张敏', department: 'gjj', onRoster: true, lastSignedInAt: ago(3600) }],
    ['d', { code: 'd', name: '刘静', department: 'yb', onRoster: true, lastSignedInAt: ago(3600) }],
  ]),
};

const p = (staff: string, window: string, state: 'on_post' | 'away', sinceSec: number, reason: string | null = null): PresenceFact => ({
  staff,
  window,
  state,
  reason,
  since: ago(sinceSec),
  department: registry.windows.get(window)?.department ?? null,
});

const activity: WindowActivity = {
  busySince: new Map([['01', ago(300)]]),
  lastEndedAt: new Map([['02', ago(120)]]),
  lastSignedOutAt: new Map([['06', ago(600)]]),
  dayStartedAt: ago(7200),
};

const presence = [
  p('a', '01', 'on_post', 3600),
  p('b', '02', 'on_post', 3600),
  p('c', '03', 'away', 200, 'break'),
  p('d', '04', 'away', 60, 'unregistered'),
  p('x', '99', 'on_post', 500),
  p('e', '05', 'away', 1000, 'break'),
];
const busy = new Map([
  ['01', { busy: true }],
  ['03', { busy: true }],
]);
const states = windowStates(registry, presence, busy, activity, now, 900);
const of = (code: string) => states.find((w) => w.code === code);

describe('windowStates', () => {
  it('lists the registry windows by number, then windows only the events name', () => {
    expect(states.map((w) => w.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '10', '99']);
    expect(of('99')).toMatchObject({ number: null, department: null, kind: 'unknown', isOpen: false, state: 'idle', staffName: null });
  });

  it('serves from the call or service start, and idles from the later of arrival and the last ticket end', () => {
    expect(of('01')).toMatchObject({ state: 'serving', staff: 'a', staffName: '王伟', since: ago(300).toISOString() });
    expect(of('02')).toMatchObject({ state: 'idle', staff: 'b', since: ago(120).toISOString() });
  });

  it('tells a registered absence from an unregistered one or an overrun break, since the staff left', () => {
    expect(of('03')).toMatchObject({ state: 'away_registered', reason: 'break', since: ago(200).toISOString() });
    expect(of('04')).toMatchObject({ state: 'away_unregistered', reason: 'unregistered', staffName: '刘静' });
    expect(of('05')).toMatchObject({ state: 'away_unregistered', reason: 'break', since: ago(1000).toISOString() });
  });

  it('marks an open window without anyone unstaffed since the last sign-out, else since the day began; a closed one closed', () => {
    expect(of('06')).toMatchObject({ state: 'unstaffed', staff: null, since: ago(600).toISOString() });
    expect(of('10')).toMatchObject({ state: 'unstaffed', since: ago(7200).toISOString() });
    expect(of('07')).toMatchObject({ state: 'closed', since: null });
  });

  it('prefers the staff member on post when two share a window', () => {
    const both = windowStates(
      registry,
      [p('c', '01', 'away', 50, 'unregistered'), p('a', '01', 'on_post', 100)],
      new Map(),
      NO_ACTIVITY,
      now,
      900,
    );
    expect(both[0]).toMatchObject({ code: '01', state: 'idle', staff: 'a' });
    expect(both.find((w) => w.code === '02')).toMatchObject({ state: 'unstaffed', since: null });
  });
});
