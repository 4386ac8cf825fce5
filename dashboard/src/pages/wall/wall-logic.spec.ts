import { INDICATOR_IDS, IndicatorValues, WindowState } from '@hallwatch/shared';
import { fitGrid } from './fit-grid';
import { hallClock } from './format';
import { hallMode, openDaysText } from './hall-mode';
import { itemsOf, offTargets, WALL_TARGETS } from './off-target';

const zeros = (): IndicatorValues => Object.fromEntries(INDICATOR_IDS.map((id) => [id, 0]));
const at = (iso: string) => hallClock(Date.parse(iso), 'Asia/Shanghai', 'zh');
const win = (over: Partial<WindowState>): WindowState => ({
  code: '01',
  number: 1,
  department: 'gjj',
  kind: 'general',
  isOpen: true,
  state: 'unstaffed',
  staff: null,
  staffName: null,
  reason: null,
  since: null,
  ...over,
});

describe('promises off target', () => {
  it('merges the default targets into one row per promise, with every item that makes it', () => {
    const away = WALL_TARGETS.find((t) => t.indicator === 'staff.away.unregistered');
    expect(away).toMatchObject({ comparator: '=', target: 0, items: [22, 50, 51] });
    expect(itemsOf('reviews.active_rate')).toEqual([17, 25]);
    expect(itemsOf('queue.wait.avg')).toEqual([22, 26]);
  });

  it('judges live values, skips unknown ones, and reads rounds against those already due', () => {
    const v = {
      ...zeros(),
      'reviews.active_rate': 0.9948,
      'reviews.good_rate': null,
      'roster.presence': 1,
      'queue.sla': 0.95,
      'callbacks.verified_share': null,
    };
    expect(offTargets(v).map((o) => o.indicator)).toEqual(['reviews.active_rate']);
    const rounds = offTargets({ ...v, 'reviews.active_rate': 1, 'patrol.rounds.due': 2, 'patrol.rounds.done': 1 });
    expect(rounds).toEqual([expect.objectContaining({ indicator: 'patrol.rounds.done', goal: 2, severity: 'breach', items: [47] })]);
    const findings = offTargets({ ...v, 'reviews.active_rate': 1, 'patrol.findings.open': 3 });
    expect(findings[0]).toMatchObject({ indicator: 'patrol.findings.open', severity: 'warning' });
  });
});

describe('hall mode', () => {
  const quiet = { ...zeros(), 'queue.wait.avg': null };
  it('is open whenever somebody waits or a window is staffed, whatever the hour', () => {
    expect(hallMode({ ...quiet, 'queue.waiting': 1 }, [], at('2026-11-26T14:00:00Z'))).toBe('open');
    expect(hallMode({ ...quiet, 'windows.open': 1 }, [], at('2026-11-28T03:00:00Z'))).toBe('open');
  });
  it('is closed in the evening and at the weekend when quiet', () => {
    expect(hallMode(quiet, [win({})], at('2026-11-26T12:00:00Z'))).toBe('closed'); // Thu 20:00
    expect(hallMode(quiet, [win({})], at('2026-11-28T03:00:00Z'))).toBe('closed'); // Sat 11:00
  });
  it('in hours: open with red windows once the day has begun, no data when nothing happened at all', () => {
    const thu11 = at('2026-11-26T03:00:00Z');
    expect(hallMode(quiet, [win({ since: '2026-11-26T01:00:00Z' })], thu11)).toBe('open');
    expect(hallMode(quiet, [win({})], thu11)).toBe('no_data');
  });
});

describe("hall mode with a site's own opening hours", () => {
  const quiet = { ...zeros(), 'queue.wait.avg': null };
  const begun = [win({ since: '2026-11-28T00:00:00Z' })];
  it('reads a round-the-clock hall as open at night and at the weekend, until it closes', () => {
    const always = { opens: '00:00', closes: '23:50', weekdays: [0, 1, 2, 3, 4, 5, 6] };
    expect(hallMode(quiet, begun, at('2026-11-28T03:00:00Z'), always)).toBe('open'); // Sat 11:00
    expect(hallMode(quiet, begun, at('2026-11-26T14:30:00Z'), always)).toBe('open'); // Thu 22:30
    expect(hallMode(quiet, begun, at('2026-11-26T15:50:00Z'), always)).toBe('closed'); // Thu 23:50
    expect(hallMode(quiet, begun, at('2026-11-26T16:00:00Z'), always)).toBe('open'); // Fri 00:00
  });
  it('opens on the minute it says and closes on the minute it says', () => {
    const saturday = { opens: '09:00', closes: '12:00', weekdays: [6] };
    expect(hallMode(quiet, begun, at('2026-11-28T00:59:00Z'), saturday)).toBe('closed'); // Sat 08:59
    expect(hallMode(quiet, begun, at('2026-11-28T01:00:00Z'), saturday)).toBe('open'); // Sat 09:00
    expect(hallMode(quiet, begun, at('2026-11-28T03:59:00Z'), saturday)).toBe('open'); // Sat 11:59
    expect(hallMode(quiet, begun, at('2026-11-28T04:00:00Z'), saturday)).toBe('closed'); // Sat 12:00
    expect(hallMode(quiet, begun, at('2026-11-26T03:00:00Z'), saturday)).toBe('closed'); // Thu 11:00
    expect(hallMode(quiet, [win({})], at('2026-11-28T02:00:00Z'), saturday)).toBe('no_data');
  });
  it('still calls a hall with a queue open outside its hours', () => {
    const early = { opens: '06:00', closes: '07:00', weekdays: [4] };
    expect(hallMode({ ...quiet, 'queue.waiting': 3 }, [], at('2026-11-26T12:00:00Z'), early)).toBe('open');
  });
  it('writes the open days as a notice board does, Monday first', () => {
    expect(openDaysText([1, 2, 3, 4, 5], 'zh')).toBe('周一至周五');
    expect(openDaysText([5, 4, 3, 2, 1], 'en')).toBe('Mon–Fri');
    expect(openDaysText([0, 1, 2, 3, 4, 5, 6], 'zh')).toBe('每天');
    expect(openDaysText([0, 6], 'zh')).toBe('周六、周日');
    expect(openDaysText([1, 2, 3, 4, 5, 6], 'en')).toBe('Mon–Sat');
    expect(openDaysText([1, 3, 5, 6, 0], 'en')).toBe('Mon, Wed, Fri–Sun');
    expect(openDaysText([1, 2], 'zh')).toBe('周一、周二');
  });
});

describe('fitGrid', () => {
  it('keeps every cell on screen and picks the columns that give the largest type', () => {
    const fit = fitGrid(86, 1278, 456, 6, { high: 2.35, wide: 5.4 });
    expect(fit.cols * fit.rows).toBeGreaterThanOrEqual(86);
    expect(fit.rows * fit.cellH + (fit.rows - 1) * 6).toBeLessThanOrEqual(456);
    expect(fit.cols).toBe(11);
    expect(fit.fontPx).toBeGreaterThan(20);
  });
  it('copes with nothing to show', () => {
    expect(fitGrid(0, 100, 100, 6, { high: 2, wide: 5 }).fontPx).toBe(0);
  });
});
