import type { CalendarEditBody } from './calendar-api';

// The State Council's yearly holiday arrangements (国务院办公厅关于部分节假日安排的通知), as
// ranges the calendar API takes: days off, and the weekend days worked in exchange (调休上班).
// Checked against the notices as published: 国办发明电〔2023〕7号 (2024), 〔2024〕12号 (2025) and
// the notice of 4 November 2025 (2026). A year not listed is entered day by day until its notice
// is added here.

type Arrangement = ReadonlyArray<readonly [from: string, to: string, name: string]>;

const off = (from: string, to: string, name: string) => [from, to, name] as const;

const YEARS: Record<number, { holidays: Arrangement; workdays: Arrangement }> = {
  2024: {
    holidays: [
      off('2024-01-01', '2024-01-01', '元旦'),
      off('2024-02-10', '2024-02-17', '春节'),
      off('2024-04-04', '2024-04-06', '清明节'),
      off('2024-05-01', '2024-05-05', '劳动节'),
      off('2024-06-08', '2024-06-10', '端午节'),
      off('2024-09-15', '2024-09-17', '中秋节'),
      off('2024-10-01', '2024-10-07', '国庆节'),
    ],
    workdays: [
      off('2024-02-04', '2024-02-04', '春节调休'),
      off('2024-02-18', '2024-02-18', '春节调休'),
      off('2024-04-07', '2024-04-07', '清明节调休'),
      off('2024-04-28', '2024-04-28', '劳动节调休'),
      off('2024-05-11', '2024-05-11', '劳动节调休'),
      off('2024-09-14', '2024-09-14', '中秋节调休'),
      off('2024-09-29', '2024-09-29', '国庆节调休'),
      off('2024-10-12', '2024-10-12', '国庆节调休'),
    ],
  },
  2025: {
    holidays: [
      off('2025-01-01', '2025-01-01', '元旦'),
      off('2025-01-28', '2025-02-04', '春节'),
      off('2025-04-04', '2025-04-06', '清明节'),
      off('2025-05-01', '2025-05-05', '劳动节'),
      off('2025-05-31', '2025-06-02', '端午节'),
      off('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    ],
    workdays: [
      off('2025-01-26', '2025-01-26', '春节调休'),
      off('2025-02-08', '2025-02-08', '春节调休'),
      off('2025-04-27', '2025-04-27', '劳动节调休'),
      off('2025-09-28', '2025-09-28', '国庆节调休'),
      off('2025-10-11', '2025-10-11', '国庆节调休'),
    ],
  },
  2026: {
    holidays: [
      off('2026-01-01', '2026-01-03', '元旦'),
      off('2026-02-15', '2026-02-23', '春节'),
      off('2026-04-04', '2026-04-06', '清明节'),
      off('2026-05-01', '2026-05-05', '劳动节'),
      off('2026-06-19', '2026-06-21', '端午节'),
      off('2026-09-25', '2026-09-27', '中秋节'),
      off('2026-10-01', '2026-10-07', '国庆节'),
    ],
    workdays: [
      off('2026-01-04', '2026-01-04', '元旦调休'),
      off('2026-02-14', '2026-02-14', '春节调休'),
      off('2026-02-28', '2026-02-28', '春节调休'),
      off('2026-05-09', '2026-05-09', '劳动节调休'),
      off('2026-09-20', '2026-09-20', '国庆节调休'),
      off('2026-10-10', '2026-10-10', '国庆节调休'),
    ],
  },
};

/** The year's arrangement as calendar edits, or null for a year whose notice is not here. */
export function officialHolidays(year: number): CalendarEditBody[] | null {
  const y = YEARS[year];
  if (!y) return null;
  return [
    ...y.holidays.map(([from, to, name]) => ({ from, to, kind: 'holiday' as const, name })),
    ...y.workdays.map(([from, to, name]) => ({ from, to, kind: 'workday' as const, name })),
  ];
}
