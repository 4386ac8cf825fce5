import { DEFAULT_HALL_HOURS, IndicatorSnapshot } from '@hallwatch/shared';
import { AlertFacts, DepartmentAlertFacts, deriveAlerts, queueAtLeastSince, surgeSince, tidalAdviceSince, waitLevel } from './alert-rules';

const now = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in the hall
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);

const dept = (over: Partial<DepartmentAlertFacts> = {}): DepartmentAlertFacts => ({
  code: 'gjj',
  name: '公积金中心',
  nameEn: 'Housing Fund Centre',
  targetSec: 900,
  waitingSince: [],
  closedTidalWindows: [],
  surgeAt: null,
  usualWaiting: null,
  imbalance: null,
  ...over,
});

const snap = (departments: IndicatorSnapshot['departments']): IndicatorSnapshot => ({
  site: 'huiji',
  asOf: now.toISOString(),
  values: {},
  departments,
  alerts: [],
  windows: [],
  departmentInfo: {},
  siteInfo: {
    name: { zh: '惠济', en: 'Huiji' },
    timeZone: 'Asia/Shanghai',
    waitTargetSec: 900,
    waitWarnRatio: 0.8,
    hours: DEFAULT_HALL_HOURS,
    patrolRounds: [],
    districtPage: false,
  },
});

const facts = (over: Partial<AlertFacts>): AlertFacts => ({
  now,
  tidalQueue: 10,
  waitWarnRatio: 0.8,
  departments: [],
  away: [],
  unattended: [],
  ...over,
});

describe('waitLevel', () => {
  it('is quiet below 80% of the target', () => {
    expect(waitLevel(dept({ waitingSince: [ago(719)] }), now, 0.8)).toBeNull();
    expect(waitLevel(dept(), now, 0.8)).toBeNull();
  });
  it('warns from 80% and breaches past the target, dated when the oldest ticket crossed the line', () => {
    const oldest = ago(720);
    expect(waitLevel(dept({ waitingSince: [oldest, ago(10)] }), now, 0.8)).toEqual({ severity: 'warning', since: now, waitSec: 720 });
    expect(waitLevel(dept({ waitingSince: [ago(900)] }), now, 0.8)?.severity).toBe('warning');
    const breach = waitLevel(dept({ waitingSince: [ago(1000)] }), now, 0.8);
    expect(breach).toEqual({ severity: 'breach', since: ago(99), waitSec: 1000 });
  });
});

describe('queue and surge start times', () => {
  const since = [ago(600), ago(500), ago(400), ago(300)];
  it('a queue of at least k has stood since the k-th oldest waiting ticket joined', () => {
    expect(queueAtLeastSince(since, 3)).toEqual(ago(400));
    expect(queueAtLeastSince(since, 5)).toBeNull();
    expect(queueAtLeastSince(since, 0)).toBeNull();
  });
  it('surge dates from the surgeAt-th oldest; no history, no surge', () => {
    expect(surgeSince({ waitingSince: since, surgeAt: 4 })).toEqual(ago(300));
    expect(surgeSince({ waitingSince: since, surgeAt: null })).toBeNull();
  });
});

describe('tidalAdviceSince', () => {
  it('needs a closed tidal window', () => {
    expect(tidalAdviceSince(dept({ waitingSince: [ago(5000), ago(10)] }), now, 2)).toBeNull();
  });
  it('advises on queue length or on a wait past the target, from whichever began first', () => {
    const d = dept({ closedTidalWindows: ['07'], waitingSince: [ago(1000), ago(950), ago(100)] });
    expect(tidalAdviceSince(d, now, 2)).toEqual(ago(950)); // queue of 2 since 950 s ago; breach since 99 s ago
    expect(tidalAdviceSince(d, now, 10)).toEqual(ago(99)); // only the wait rule holds
    expect(tidalAdviceSince({ ...d, waitingSince: [ago(100)] }, now, 10)).toBeNull();
  });
});

describe('deriveAlerts', () => {
  it('raises stable, named, dated alerts that link the rectification items', () => {
    const d = dept({ closedTidalWindows: ['07', '08'], waitingSince: [ago(1000), ago(950), ago(100)], surgeAt: 3, usualWaiting: 1 });
    const alerts = deriveAlerts(
      { code: 'huiji' },
      snap({ gjj: { 'tidal.advice': 1, 'surge.risk': 1 } }),
      facts({
        tidalQueue: 2,
        departments: [d],
        away: [
          {
            staff: 's9',
            staffName: '李四',
            window: '12',
            department: 'gjj',
            reason: 'unregistered',
            leftAt: ago(300),
            breachSince: ago(300),
          },
        ],
      }),
    );
    // Breaches first, then warnings, each oldest first.
    expect(alerts.map((a) => [a.id, a.severity, a.since])).toEqual([
      ['staff.away:s9', 'breach', ago(300).toISOString()],
      ['wait.target:gjj', 'breach', ago(99).toISOString()],
      ['tidal.advice:gjj', 'warning', ago(950).toISOString()],
      ['surge.risk:gjj', 'warning', ago(100).toISOString()],
    ]);
    const tidal = alerts.find((a) => a.kind === 'tidal.advice')!;
    expect(tidal).toMatchObject({ state: 'raised', site: 'huiji', department: 'gjj', window: '07', items: [22, 26] });
    expect(tidal.message.zh).toContain('潮汐窗口 07');
    const away = alerts.find((a) => a.kind === 'staff.away')!;
    expect(away).toMatchObject({ staff: 's9', window: '12', department: 'gjj', items: [22, 50, 51] });
    expect(away.message.zh).toContain('李四');
    expect(away.message.en).toBe('李四, window 12: AWOL 5 min');
    expect(alerts.find((a) => a.kind === 'wait.target')!.message.en).toBe('Housing Fund Centre: 16-min wait, over 15-min target');
  });

  it('never says a wait of "15 minutes" is over the 15-minute target', () => {
    // 15分30秒 rounds down to the target itself in the first minute of the breach.
    const [first] = deriveAlerts({ code: 'huiji' }, snap({}), facts({ departments: [dept({ waitingSince: [ago(930)] })] }));
    expect(first.message).toEqual({
      zh: '公积金中心：最长等候已超过 15 分钟目标',
      en: 'Housing Fund Centre: a wait over the 15-min target',
    });
    const [later] = deriveAlerts({ code: 'huiji' }, snap({}), facts({ departments: [dept({ waitingSince: [ago(1000)] })] }));
    expect(later.message.zh).toBe('公积金中心：最长等候 16 分钟，已超过 15 分钟目标');
  });

  it('follows the snapshot: no tidal or surge alert where the indicator reads 0', () => {
    const d = dept({ closedTidalWindows: ['07'], waitingSince: [ago(100), ago(50)], surgeAt: 2 });
    const alerts = deriveAlerts(
      { code: 'huiji' },
      snap({ gjj: { 'tidal.advice': 0, 'surge.risk': 0 } }),
      facts({ tidalQueue: 2, departments: [d] }),
    );
    expect(alerts).toEqual([]);
  });

  it('dates an overrun break from the end of the allowed break', () => {
    const alerts = deriveAlerts(
      { code: 'huiji' },
      snap({}),
      facts({
        away: [
          { staff: 's1', staffName: '张三', window: '03', department: null, reason: 'break', leftAt: ago(1200), breachSince: ago(300) },
        ],
      }),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).not.toHaveProperty('department');
    expect(alerts[0]).toMatchObject({ id: 'staff.away:s1', since: ago(300).toISOString() });
    expect(alerts[0].message.zh).toContain('休息超时');
  });

  it('says why an outing counts: not filed, or lasting past its approved time', () => {
    const alert = (breach: 'outing_unregistered' | 'cover_ended') =>
      deriveAlerts(
        { code: 'huiji' },
        snap({}),
        facts({
          away: [
            {
              staff: 's1',
              staffName: '张三',
              window: '03',
              department: 'gjj',
              reason: 'official_business',
              leftAt: ago(600),
              breachSince: ago(60),
              breach,
            },
          ],
        }),
      )[0].message;
    expect(alert('outing_unregistered')).toEqual({
      zh: '张三（03 窗口）外出未报备，已离岗 10 分钟',
      en: '张三, window 03: outing not filed 10 min',
    });
    expect(alert('cover_ended')).toEqual({
      zh: '张三（03 窗口）超出报备时间，已离岗 10 分钟',
      en: '张三, window 03: past approved time 10 min',
    });
  });

  it('names an unattended window by its number and zone, its department, and the minutes since it stood empty', () => {
    const alerts = deriveAlerts(
      { code: 'huiji' },
      snap({}),
      facts({
        unattended: [
          {
            window: 'ZS1',
            number: 86,
            kind: 'self_service',
            department: { code: 'zhck', name: '综合窗口', nameEn: 'General Windows' },
            since: ago(94 * 60 + 20),
          },
          { window: 'w9', number: null, kind: 'general', department: null, since: ago(16 * 60) },
        ],
      }),
    );
    expect(alerts.map((a) => [a.id, a.kind, a.severity, a.since, a.window, a.department, a.items])).toEqual([
      ['window.unattended:ZS1', 'window.unattended', 'breach', ago(94 * 60 + 20).toISOString(), 'ZS1', 'zhck', [47]],
      ['window.unattended:w9', 'window.unattended', 'breach', ago(16 * 60).toISOString(), 'w9', undefined, [47]],
    ]);
    expect(alerts[0].message).toEqual({
      zh: '综合窗口：86号窗口（掌上办）无人值守 94 分钟',
      en: 'General Windows: window 86 (self-service) empty 94 min',
    });
    expect(alerts[1].message).toEqual({ zh: '窗口 w9 无人值守 16 分钟', en: 'window w9 empty 16 min' });
  });

  it('names the busiest and the idlest window of a department out of balance', () => {
    const d = dept({
      imbalance: {
        since: ago(600),
        busiest: { window: '03', number: 3, kind: 'dedicated', done: 25 },
        idlest: { window: '05', number: 5, kind: 'dedicated', done: 6 },
      },
    });
    const [a] = deriveAlerts({ code: 'huiji' }, snap({}), facts({ departments: [d] }));
    expect(a).toMatchObject({
      id: 'windows.imbalance:gjj',
      kind: 'windows.imbalance',
      severity: 'warning',
      department: 'gjj',
      items: [22],
    });
    expect(a.since).toBe(ago(600).toISOString());
    expect(a.message).toEqual({
      zh: '公积金中心：忙闲不均，3号窗口 25 件，5号窗口仅 6 件',
      en: 'Housing Fund Centre: uneven: window 3 did 25, 5 did 6',
    });
  });
});
