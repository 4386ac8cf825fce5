import { entryRuns, monthGrid } from './calendar-days';
import { officialHolidays } from './official-holidays';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const span = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

describe('the working calendar’s month grid and entry list', () => {
  it('shows whole weeks, Monday first, around the month', () => {
    const grid = monthGrid('2026-02');
    expect(grid[0]).toBe('2026-01-26');
    expect(grid[grid.length - 1]).toBe('2026-03-01');
    expect(grid.length % 7).toBe(0);
    expect(weekday(grid[0])).toBe(1);
  });

  it('lists consecutive days of one name and scope as one line, other scopes apart', () => {
    const day = (d: string, site: string | null = null, name = '国庆节') => ({ day: d, kind: 'holiday' as const, name, site });
    const runs = entryRuns([day('2026-10-02'), day('2026-10-01'), day('2026-10-03'), day('2026-10-02', 'h1'), day('2026-10-05')]);
    expect(runs.map((r) => [r.from, r.to, r.site])).toEqual([
      ['2026-10-01', '2026-10-03', null],
      ['2026-10-02', '2026-10-02', 'h1'],
      ['2026-10-05', '2026-10-05', null],
    ]);
  });
});

describe('the national holiday arrangements', () => {
  it.each([2024, 2025, 2026])('%i: make-up working days fall on weekends and every range fits one calendar edit', (year) => {
    const edits = officialHolidays(year)!;
    expect(edits.length).toBeGreaterThan(5);
    for (const e of edits) {
      expect(e.from.slice(0, 4)).toBe(String(year));
      expect(span(e.from, e.to!)).toBeGreaterThanOrEqual(1);
      expect(span(e.from, e.to!)).toBeLessThanOrEqual(62);
      if (e.kind === 'workday') expect(weekday(e.from)).toBeGreaterThanOrEqual(6);
    }
  });

  it('has nothing for a year whose notice is not included', () => {
    expect(officialHolidays(1999)).toBeNull();
  });
});
