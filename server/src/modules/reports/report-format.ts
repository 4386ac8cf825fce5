import type { OfficeReportLang } from '@hallwatch/shared';

// How figures are written in the office's documents. A rate is written to two decimals of a
// percent, as the published report writes its 99.52%; the tests recompute them the same way.

export const count = (n: number | null): string => (n === null ? '—' : String(n));

/** 0.99523 → "99.52%"; no denominator → "—". */
export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

export function minutes(sec: number | null, lang: OfficeReportLang, unit = true): string {
  if (sec === null) return '—';
  const m = (sec / 60).toFixed(1);
  if (!unit) return m;
  return lang === 'zh' ? `${m}分钟` : `${m} min`;
}

const sign = (d: number, text: string) => (d > 0 ? `+${text}` : d < 0 ? `−${text}` : text);

/** A count against another: "+12 (+8.5%)". */
export function countChange(a: number | null, b: number | null): string {
  if (a === null || b === null) return '—';
  const d = a - b;
  const rel = b > 0 ? ` (${sign(d, `${((Math.abs(d) / b) * 100).toFixed(1)}%`)})` : '';
  return `${sign(d, String(Math.abs(d)))}${rel}`;
}

/** A rate against another, in percentage points. */
export function pointsChange(a: number | null, b: number | null, lang: OfficeReportLang): string {
  if (a === null || b === null) return '—';
  const d = (a - b) * 100;
  return `${sign(Math.round(d * 100), Math.abs(d).toFixed(2))}${lang === 'zh' ? '个百分点' : ' pp'}`;
}

/** A measured value (minutes) against another, relative. */
export function rateChange(a: number | null, b: number | null): string {
  if (a === null || b === null || b === 0) return '—';
  const d = (a - b) / b;
  return sign(Math.round(d * 1000), `${(Math.abs(d) * 100).toFixed(1)}%`);
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11" → "2026年11月" / "November 2026"; short: "26年11月" / "Nov 26". */
export function monthName(month: string, lang: OfficeReportLang, short = false): string {
  const [y, m] = month.split('-').map(Number);
  if (lang === 'zh') return short ? `${String(y).slice(2)}.${m}` : `${y}年${m}月`;
  return short ? `${EN_MONTHS[m - 1].slice(0, 3)} ${String(y).slice(2)}` : `${EN_MONTHS[m - 1]} ${y}`;
}

/** "2026-11-05" → "2026年11月5日" / "2026-11-05". */
export function dayText(day: string, lang: OfficeReportLang): string {
  if (lang === 'en') return day;
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "11月5日" for a day inside the document's own year. */
export function shortDay(day: string, lang: OfficeReportLang): string {
  if (lang === 'en') return day.slice(5);
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日`;
}

/** An instant as the hall reads it: "2026-11-05 14:30". */
export function timeText(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
