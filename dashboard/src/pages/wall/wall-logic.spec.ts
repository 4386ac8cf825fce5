import { INDICATOR_IDS, IndicatorValues, WindowState } from '@hallwatch/shared';
import { fitGrid } from './fit-grid';
import { hallClock } from './format';
import { hallMode } from './hall-mode';
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
    const v = { ...zeros(), 'reviews.active_rate': 0.9948, 'reviews.good_rate': null, 'roster.presence': 1, 'queue.sla': 0.95 };
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
