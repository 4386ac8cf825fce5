import { DEFAULT_SITE_SETTINGS, INDICATOR_IDS } from '@hallwatch/shared';
import { ZERO_PATROL } from './patrol-indicators';
import { QueueFacts, TicketCounts } from './queue-indicators';
import { RegistryFacts } from './registry-facts';
import { buildSnapshot, SnapshotInputs } from './snapshot-builder';
import { NO_ACTIVITY } from './window-states';

const now = new Date('2026-03-02T03:00:00.000Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
const counts = (waitingSince: Date[], served = 0): TicketCounts => ({
  waiting: waitingSince.length,
  served,
  called: 0,
  noShow: 0,
  waitingSince,
});

function inputs(over: Partial<SnapshotInputs> = {}): SnapshotInputs {
  const registry: RegistryFacts = {
    departments: new Map([
      ['gjj', { code: 'gjj', name: '公积金中心', nameEn: 'Housing Fund Centre', waitTargetSec: 600 }],
      ['yb', { code: 'yb', name: '医保中心', nameEn: null, waitTargetSec: null }],
    ]),
    windows: new Map([
      ['01', { code: '01', department: 'gjj', kind: 'general', isOpen: true }],
      ['02', { code: '02', department: 'gjj', kind: 'general', isOpen: true }],
      ['07', { code: '07', department: 'gjj', kind: 'tidal', isOpen: false }],
      ['08', { code: '08', department: 'yb', kind: 'tidal', isOpen: false }],
    ]),
    staff: new Map(),
  };
  const gjj = counts([ago(700), ago(300), ago(200), ago(100)], 5);
  const queue: QueueFacts = {
    siteWaits: { count: 2, totalSec: 300, maxSec: 200, p90Sec: 200, withinTarget: 2 },
    waits: new Map([['gjj', { count: 2, totalSec: 300, maxSec: 200, p90Sec: 200, withinTarget: 2 }]]),
    siteTickets: { ...gjj, waitingSince: [...gjj.waitingSince] },
    tickets: new Map([['gjj', gjj]]),
    service: new Map([['gjj', { totalSec: 1500, count: 5 }]]),
    windows: new Map([['01', { done: 5, busy: true }]]),
  };
  const presence = [
    { staff: 'a', window: '01', state: 'on_post' as const, reason: null, since: ago(3600), department: 'gjj' },
    { staff: 'b', window: '02', state: 'on_post' as const, reason: null, since: ago(3600), department: 'gjj' },
    { staff: 'c', window: '08', state: 'on_post' as const, reason: null, since: ago(3600), department: 'yb' },
  ];
  return {
    site: { code: 'huiji' },
    now,
    settings: { ...DEFAULT_SITE_SETTINGS, tidalQueue: 3, surgeMinWaiting: 4 },
    registry,
    queue,
    presence,
    reviews: {
      site: { ...NO_CALLBACKS, reviews: 4, rated: 3, good: 3, badOpen: 1, complaintsOpen: 2, callbacksDrawn: 4, callbacksVerified: 2 },
      departments: new Map([
        [
          'dx',
          {
            ...NO_CALLBACKS,
            reviews: 0,
            rated: 0,
            good: 0,
            badOpen: 1,
            complaintsOpen: 0,
            callbacksDrawn: 4,
            callbacksVerified: 2,
            callbacksFalsified: 1,
          },
        ],
      ]),
    },
    usualWaiting: new Map([['gjj', 1]]),
    patrol: {
      rounds: [
        { time: '09:00', state: 'done' },
        { time: '14:30', state: 'scheduled' },
      ],
      site: { ...ZERO_PATROL },
      departments: {},
    },
    ...over,
  };
}

const NO_CALLBACKS = { callbacksDrawn: 0, callbacksVerified: 0, callbacksFalsified: 0 };

describe('buildSnapshot', () => {
  it('fills every indicator for the site and every department, including codes only the data names', () => {
    const { snapshot } = buildSnapshot(inputs());
    expect(Object.keys(snapshot.values)).toEqual([...INDICATOR_IDS]);
    expect(Object.keys(snapshot.departments)).toEqual(['dx', 'gjj', 'yb']);
    for (const v of Object.values(snapshot.departments)) expect(Object.keys(v)).toEqual([...INDICATOR_IDS]);
    expect(snapshot.departments.dx).toMatchObject({
      'queue.waiting': 0,
      'reviews.bad.open': 1,
      'queue.wait.avg': null,
      'patrol.rounds.done': 0,
    });
  });

  it('predicts from queue, open windows and recent service, and shows the worst department at site level', () => {
    const { snapshot } = buildSnapshot(inputs());
    expect(snapshot.departments.gjj['queue.wait.predicted']).toBe(600); // 4 waiting × 300 s ÷ 2 windows
    expect(snapshot.departments.yb['queue.wait.predicted']).toBe(0); // nobody waiting, a window open
    expect(snapshot.values['queue.wait.predicted']).toBe(600);
    expect(snapshot.values['windows.imbalance']).toBe(2); // gjj: loads 5 and 0
  });

  it('advises a tidal window only where one is closed and unstaffed, and flags surges against the usual hour', () => {
    const { snapshot, alertFacts } = buildSnapshot(inputs());
    expect(snapshot.departments.gjj['tidal.advice']).toBe(1); // 4 waiting ≥ 3, and 700 s > 600 s target
    expect(snapshot.departments.yb['tidal.advice']).toBe(0); // its tidal window 08 is staffed
    expect(snapshot.departments.gjj['surge.risk']).toBe(1); // 4 ≥ max(4, ⌊2 × 1⌋ + 1)
    expect(snapshot.values).toMatchObject({ 'tidal.advice': 1, 'surge.risk': 1, 'queue.wait.max': 700 });
    expect(alertFacts.departments.find((d) => d.code === 'gjj')).toMatchObject({ targetSec: 600, surgeAt: 4, closedTidalWindows: ['07'] });
    expect(snapshot.alerts.map((a) => a.id)).toEqual(['wait.target:gjj', 'tidal.advice:gjj', 'surge.risk:gjj']);
  });

  it('divides the second callbacks: verified of drawn, not contacted of verified, null with nothing to divide', () => {
    const { snapshot } = buildSnapshot(inputs());
    expect(snapshot.departments.dx).toMatchObject({ 'callbacks.verified_share': 0.5, 'callbacks.falsified_rate': 0.5 });
    expect(snapshot.values).toMatchObject({ 'callbacks.verified_share': 0.5, 'callbacks.falsified_rate': 0 });
    expect(snapshot.departments.gjj).toMatchObject({ 'callbacks.verified_share': null, 'callbacks.falsified_rate': null });
  });

  it('never surges without history', () => {
    const { snapshot } = buildSnapshot(inputs({ usualWaiting: new Map() }));
    expect(snapshot.values['surge.risk']).toBe(0);
  });
});

describe('buildSnapshot for the wall', () => {
  it('names the site and every department with its wait target, and lists the windows', () => {
    const { snapshot } = buildSnapshot(
      inputs({ site: { code: 'huiji', name: '惠济区政务服务大厅', nameEn: 'Huiji District Service Hall', timezone: 'Asia/Shanghai' } }),
    );
    expect(snapshot.siteInfo).toEqual({
      name: { zh: '惠济区政务服务大厅', en: 'Huiji District Service Hall' },
      districtPage: false,
      timeZone: 'Asia/Shanghai',
      waitTargetSec: 900,
      waitWarnRatio: 0.8,
      hours: { opens: '08:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] },
      patrolRounds: [
        { time: '09:00', state: 'done' },
        { time: '14:30', state: 'scheduled' },
      ],
    });
    expect(snapshot.departmentInfo).toEqual({
      dx: { name: { zh: 'dx', en: 'dx' }, waitTargetSec: 900 },
      gjj: { name: { zh: '公积金中心', en: 'Housing Fund Centre' }, waitTargetSec: 600 },
      yb: { name: { zh: '医保中心', en: '医保中心' }, waitTargetSec: 900 },
    });
    expect(snapshot.windows.map((w) => [w.code, w.state])).toEqual([
      ['01', 'serving'],
      ['02', 'idle'],
      ['07', 'closed'],
      ['08', 'idle'],
    ]);
  });
});

describe('buildSnapshot: unattended windows and imbalance', () => {
  // now is 11:00 on Monday 2026-03-02 in the hall; 86 is the 掌上办 zone nobody signed in at.
  const withZone = (over: Partial<SnapshotInputs> = {}): SnapshotInputs => {
    const base = inputs(over);
    const windows = new Map(base.registry.windows);
    windows.set('ZS1', { code: 'ZS1', number: 86, department: 'gjj', kind: 'self_service', isOpen: true });
    return {
      ...base,
      registry: { ...base.registry, windows },
      windowActivity: {
        busySince: new Map(),
        lastEndedAt: new Map(),
        lastSignedOutAt: new Map(),
        dayStartedAt: ago(3 * 3600),
        ...over.windowActivity,
      },
    };
  };
  const unattended = (i: SnapshotInputs) => buildSnapshot(i).snapshot.alerts.filter((a) => a.kind === 'window.unattended');

  it('alerts for an open window nobody has signed in at since opening, past the threshold', () => {
    const [zone] = unattended(withZone());
    expect(zone).toMatchObject({
      id: 'window.unattended:ZS1',
      window: 'ZS1',
      department: 'gjj',
      since: '2026-03-02T00:30:00.000Z',
      items: [47],
    });
    expect(zone.message.zh).toBe('公积金中心：86号窗口（掌上办）无人值守 150 分钟');
    // The closed tidal window 07 is not expected to be staffed.
    expect(unattended(withZone()).map((a) => a.window)).toEqual(['ZS1']);
  });

  it('counts from the last sign-out, and only past the site threshold', () => {
    const signedOut = (sec: number) =>
      withZone({ windowActivity: { ...NO_ACTIVITY, dayStartedAt: ago(3 * 3600), lastSignedOutAt: new Map([['ZS1', ago(sec)]]) } });
    expect(unattended(signedOut(900))).toEqual([]);
    expect(unattended(signedOut(901))[0]?.since).toBe(ago(901).toISOString());
    const lax = { ...signedOut(1000), settings: { ...DEFAULT_SITE_SETTINGS, unattendedWindowSec: 1800 } };
    expect(unattended(lax)).toEqual([]);
  });

  it('stays quiet on a holiday, at the midday break, before anyone signed in and when someone is at the window', () => {
    expect(unattended(withZone({ calendarDay: 'holiday' }))).toEqual([]);
    expect(unattended(withZone({ settings: { ...DEFAULT_SITE_SETTINGS, lunchBreak: { from: '10:30', to: '11:30' } } }))).toEqual([]);
    expect(unattended(withZone({ windowActivity: { ...NO_ACTIVITY } }))).toEqual([]);
    const base = withZone();
    const helper = { staff: 'h', window: 'ZS1', state: 'away' as const, reason: 'break', since: ago(60), department: 'gjj' };
    expect(unattended({ ...base, presence: [...base.presence, helper] })).toEqual([]);
  });

  it('raises the imbalance alert from the completion that tipped it, naming the busiest and idlest window', () => {
    const queue = {
      ...inputs().queue,
      windows: new Map([
        ['01', { done: 12, busy: true }],
        ['02', { done: 2, busy: false }],
      ]),
    };
    const completions = new Map([
      ['01', Array.from({ length: 12 }, (_, k) => ago(3600 - k * 60))],
      ['02', [ago(3000), ago(2900)]],
    ]);
    const { snapshot } = buildSnapshot(inputs({ queue, completions }));
    const alert = snapshot.alerts.find((a) => a.kind === 'windows.imbalance');
    // Two windows are judged from 10 completions: 01's tenth, at 10 against none, and it never fell back since.
    expect(alert).toMatchObject({ id: 'windows.imbalance:gjj', department: 'gjj', since: ago(3600 - 9 * 60).toISOString(), items: [22] });
    expect(alert?.message.en).toBe('Housing Fund Centre: uneven: window 01 did 12, 02 did 2');
    const lax = buildSnapshot(inputs({ queue, completions, settings: { ...DEFAULT_SITE_SETTINGS, windowImbalanceMax: 2 } }));
    expect(lax.snapshot.alerts.filter((a) => a.kind === 'windows.imbalance')).toEqual([]);
  });
});
