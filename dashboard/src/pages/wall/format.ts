// How the wall writes its figures. Pure functions, no React, so the rules can be read and
// tested in one place: waits in 分/秒, ratios as percentages, times in the hall's zone.

export type Lang = 'zh' | 'en';

/** A run of a figure: digits are set large, units small. */
export interface Part {
  text: string;
  unit?: boolean;
}

export const DASH = '—';

/**
 * How wide a figure is in ems of its own type size (Noto Sans CJK: digits 0.59 em), so that
 * a tile can set the largest type that fits its width.
 */
export function partsEms(parts: Part[]): number {
  let em = 0;
  for (const p of parts)
    for (const ch of p.text) {
      if (p.unit) em += ch === '%' ? 0.4 : ch === ' ' ? 0.12 : 0.5;
      else em += /[0-9]/.test(ch) ? 0.59 : ch === '.' ? 0.28 : ch === '/' ? 0.45 : 0.6;
    }
  return Math.max(em, 0.59);
}

export const partsText = (parts: Part[]): string => parts.map((p) => p.text).join('');

/** A wait as 8分05秒 (31分05秒, 45秒); en 8m 05s. Null: no wait to show. */
export function waitParts(sec: number | null | undefined, lang: Lang): Part[] {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return [{ text: DASH }];
  const whole = Math.max(0, Math.round(sec));
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  const [mu, su] = lang === 'zh' ? ['分', '秒'] : ['m ', 's'];
  if (m === 0) return [{ text: String(s) }, { text: su, unit: true }];
  return [{ text: String(m) }, { text: mu, unit: true }, { text: String(s).padStart(2, '0') }, { text: su, unit: true }];
}

export const waitText = (sec: number | null | undefined, lang: Lang): string => partsText(waitParts(sec, lang)).trim();

/**
 * A ratio as a percentage with one decimal, cut rather than rounded, so that a figure just
 * under a target never reads as the target (99.48% shows 99.4%, not 99.5%, against ≥ 99.5%).
 */
export function percentText(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  // The small epsilon keeps 0.995 (stored as 0.99499999…) at 99.5.
  const tenths = Math.floor(ratio * 1000 + 1e-6);
  return `${(tenths / 10).toFixed(1)}%`;
}

/** The percentage as parts: digits large, the sign small. */
export function percentParts(ratio: number | null | undefined): Part[] {
  const text = percentText(ratio);
  return text === DASH ? [{ text }] : [{ text: text.slice(0, -1) }, { text: '%', unit: true }];
}

export const countText = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? DASH : String(Math.round(n));

/** Whole minutes from an ISO instant to now; null without a start. */
export function minutesSince(iso: string | null | undefined, nowMs: number): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.max(0, Math.floor((nowMs - at) / 60_000));
}

/** Minutes in a state, short enough for a window cell: 7分, 109分 (en 7m); capped at 999. */
export function minutesText(min: number | null, lang: Lang): string {
  if (min === null) return '';
  return `${Math.min(min, 999)}${lang === 'zh' ? '分' : 'm'}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

function hallParts(ms: number, timeZone: string): Record<string, string> {
  const f = formatter(
    `parts|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        weekday: 'short',
        hourCycle: 'h23',
      }),
  );
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface HallClock {
  /** 2024-07-15 */
  date: string;
  /** 星期一 / Monday */
  weekday: string;
  /** 0 Sunday … 6 Saturday */
  weekdayIndex: number;
  /** 10:42:07, 24-hour */
  time: string;
  /** Minutes since the hall's midnight. */
  minuteOfDay: number;
}

export function hallClock(ms: number, timeZone: string, lang: Lang): HallClock {
  const p = hallParts(ms, timeZone);
  const weekdayIndex = Math.max(0, WEEKDAYS.indexOf(p.weekday));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: (lang === 'zh' ? WEEKDAYS_ZH : WEEKDAYS_EN)[weekdayIndex],
    weekdayIndex,
    time: `${p.hour}:${p.minute}:${p.second}`,
    minuteOfDay: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** HH:MM of an instant in the hall's zone; '' for none. */
export function hallHourMinute(iso: string | number | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined) return '';
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = hallParts(ms, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** HH:MM:SS of an instant in the hall's zone. */
export function hallTimeOfDay(ms: number, timeZone: string): string {
  return hallClock(ms, timeZone, 'zh').time;
}

/** Rectification item numbers as the report writes them on the wall: #22 #26. */
export const itemsText = (items: readonly number[]): string => items.map((n) => `#${n}`).join(' ');
