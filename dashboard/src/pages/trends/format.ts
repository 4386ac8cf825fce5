import type { TrendGrain } from '@hallwatch/shared';

export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

/** A registry name in the page's language; a unit without an English name keeps its Chinese one. */
export const nameIn = (u: { name: string; nameEn?: string | null }, lang: Lang): string => (lang === 'en' && u.nameEn) || u.name;

/** Today's date (YYYY-MM-DD) on the clock of the hall's time zone, whatever the reader's machine says. */
export const hallToday = (timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The range a grain shows by default: 30 days, 12 weeks or 12 months up to `to`. */
export function defaultFrom(to: string, grain: TrendGrain): string {
  if (grain === 'day') return addDays(to, -29);
  if (grain === 'week') return addDays(to, -83);
  const [y, m] = to.split('-').map(Number);
  const back = new Date(Date.UTC(y, m - 12, 1));
  return back.toISOString().slice(0, 10);
}

/** 98.21% — a rate cut (not rounded) so that 99.996% never reads as 100%. */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return '—';
  const f = 10 ** digits;
  return `${(Math.floor(v * 100 * f + 1e-6) / f).toFixed(digits)}%`;
}

/** Change between periods in percentage points, signed. */
export function pointsDelta(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : (now - before) * 100;
}

export const minutes = (sec: number | null | undefined): string => (sec === null || sec === undefined ? '—' : `${(sec / 60).toFixed(1)}`);

export const count = (n: number): string => n.toLocaleString('zh-CN');

const WEEKDAYS = { zh: ['一', '二', '三', '四', '五', '六', '日'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
export const weekdayName = (iso: number, lang: Lang): string => (lang === 'zh' ? `周${WEEKDAYS.zh[iso - 1]}` : WEEKDAYS.en[iso - 1]);

/** An axis label for a period start. */
export function periodLabel(period: string, grain: TrendGrain, lang: Lang): string {
  const [, m, d] = period.split('-');
  if (grain === 'month') return lang === 'zh' ? `${period.slice(0, 4)}年${Number(m)}月` : period.slice(0, 7);
  if (grain === 'week') return lang === 'zh' ? `${Number(m)}/${Number(d)}周` : `wk ${m}-${d}`;
  return `${Number(m)}/${Number(d)}`;
}
