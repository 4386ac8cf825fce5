// Dates, times and shares as the supervision office reads them, on the hall's own clock.

export type Lang = 'zh' | 'en';

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'zh');

/** "06-18 09:45" in the hall's zone. */
export function hallDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** YYYY-MM of an instant in the hall's zone. */
export function hallMonth(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).slice(0, 7);
}

/** This month and the `n - 1` before it, newest first. */
export function recentMonths(current: string, n: number): string[] {
  const [y, m] = current.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A share as a percentage with one decimal where it matters; "—" when there is nothing to divide. */
export function percent(v: number | null): string {
  if (v === null) return '—';
  const p = v * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}
