// A site's opening hours, kept in sites.settings.hours. The wall reads them to tell a
// closed hall from an outage; the admin API checks them with the same rules.

export interface HallHours {
  /** Opening time, HH:MM in the hall's time zone (24-hour). */
  opens: string;
  /** Closing time, HH:MM, after `opens`: a hall's day does not run past midnight. */
  closes: string;
  /** Days it opens: 0 Sunday … 6 Saturday, ascending. */
  weekdays: number[];
}

export const DEFAULT_HALL_HOURS: HallHours = { opens: '08:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] };

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" to minutes since midnight. */
export function hhmmMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export interface HallHoursProblem {
  /** Dotted path of the offending field, under `hours`. */
  field: string;
  message: string;
}

/**
 * The first thing wrong with a value offered as opening hours, or null when it is sound.
 * `moved` is the time the caller changed, so that "closes before opens" names that one.
 */
export function hallHoursProblem(value: unknown, moved: 'opens' | 'closes' = 'closes'): HallHoursProblem | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { field: 'hours', message: 'hours must be an object like {"opens": "08:30", "closes": "17:30", "weekdays": [1, 2, 3, 4, 5]}' };
  const h = value as Record<string, unknown>;
  const extra = Object.keys(h).find((k) => !['opens', 'closes', 'weekdays'].includes(k));
  if (extra) return { field: `hours.${extra}`, message: `hours.${extra} is not a setting; hours has opens, closes and weekdays` };
  for (const key of ['opens', 'closes'] as const)
    if (typeof h[key] !== 'string' || !HH_MM.test(h[key]))
      return { field: `hours.${key}`, message: `hours.${key} must be a 24-hour time written HH:MM, e.g. 08:30` };
  if (hhmmMinutes(h.opens as string) >= hhmmMinutes(h.closes as string))
    return moved === 'opens'
      ? { field: 'hours.opens', message: `hours.opens must be earlier than hours.closes (${String(h.closes)})` }
      : { field: 'hours.closes', message: `hours.closes must be later than hours.opens (${String(h.opens)})` };
  const days = h.weekdays;
  if (!Array.isArray(days) || days.length === 0)
    return { field: 'hours.weekdays', message: 'hours.weekdays must list at least one day, 0 Sunday … 6 Saturday' };
  if (!days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6))
    return { field: 'hours.weekdays', message: 'hours.weekdays must hold whole numbers from 0 (Sunday) to 6 (Saturday)' };
  return null;
}

/** Sound hours as stored: weekdays ascending, each once. */
export function normalHallHours(h: HallHours): HallHours {
  return { opens: h.opens, closes: h.closes, weekdays: [...new Set(h.weekdays)].sort((a, b) => a - b) };
}

/**
 * The hall's midday break (午休), HH:MM to HH:MM in the hall's time zone: windows may close
 * then, so a window standing unstaffed in it is not unattended. Null: the hall serves through
 * midday (午间不打烊).
 */
export interface LunchBreak {
  from: string;
  to: string;
}

/** The first thing wrong with a value offered as the midday break, or null when it is sound. */
export function lunchBreakProblem(value: unknown): HallHoursProblem | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { field: 'lunchBreak', message: 'lunchBreak must be an object like {"from": "12:00", "to": "13:30"}, or null for none' };
  const b = value as Record<string, unknown>;
  const extra = Object.keys(b).find((k) => !['from', 'to'].includes(k));
  if (extra) return { field: `lunchBreak.${extra}`, message: `lunchBreak.${extra} is not a setting; lunchBreak has from and to` };
  for (const key of ['from', 'to'] as const)
    if (typeof b[key] !== 'string' || !HH_MM.test(b[key]))
      return { field: `lunchBreak.${key}`, message: `lunchBreak.${key} must be a 24-hour time written HH:MM, e.g. 12:00` };
  if (hhmmMinutes(b.from as string) >= hhmmMinutes(b.to as string))
    return { field: 'lunchBreak.to', message: `lunchBreak.to must be later than lunchBreak.from (${String(b.from)})` };
  return null;
}
