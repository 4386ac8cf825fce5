import { DEFAULT_HALL_HOURS, HallHours, hhmmMinutes, IndicatorValues, WindowState } from '@hallwatch/shared';
import { HallClock } from './format';

/**
 * open: the live figures and windows; closed: outside the site's opening hours (evening,
 * weekend) with nobody waiting and no window staffed; no_data: within hours but nothing at
 * all recorded today (a holiday, or the devices not reporting): said as such, not as a wall
 * of zeros. The hours only matter when the hall is quiet: a queue or a staffed window
 * always means "open", whatever the clock says.
 */
export type HallMode = 'open' | 'closed' | 'no_data';

export function hallMode(
  values: IndicatorValues,
  windows: WindowState[],
  clock: HallClock,
  hours: HallHours = DEFAULT_HALL_HOURS,
): HallMode {
  const busy = (values['queue.waiting'] ?? 0) > 0 || (values['windows.open'] ?? 0) > 0;
  if (busy) return 'open';
  const openDay = hours.weekdays.includes(clock.weekdayIndex);
  const inHours = clock.minuteOfDay >= hhmmMinutes(hours.opens) && clock.minuteOfDay < hhmmMinutes(hours.closes);
  if (!openDay || !inHours) return 'closed';
  const nothingToday = (values['queue.served'] ?? 0) === 0 && values['queue.wait.avg'] == null && windows.every((w) => w.since === null);
  return nothingToday ? 'no_data' : 'open';
}

const DAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const DAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The days a hall opens as a notice board writes them, Monday first: 周一至周五, 周六、周日,
 * 每天 (en Mon–Fri, Sat, Sun, daily). Three or more days in a row make a range.
 */
export function openDaysText(weekdays: readonly number[], lang: 'zh' | 'en'): string {
  const names = lang === 'zh' ? DAY_ZH : DAY_EN;
  const mondayFirst = [...new Set(weekdays)].map((d) => (d + 6) % 7).sort((a, b) => a - b);
  if (mondayFirst.length === 7) return lang === 'zh' ? '每天' : 'daily';
  const runs: number[][] = [];
  for (const d of mondayFirst) {
    const last = runs[runs.length - 1];
    if (last && d === last[last.length - 1] + 1) last.push(d);
    else runs.push([d]);
  }
  const name = (mondayIndex: number) => names[(mondayIndex + 1) % 7];
  const parts = runs.flatMap((r) => (r.length >= 3 ? [`${name(r[0])}${lang === 'zh' ? '至' : '–'}${name(r[r.length - 1])}`] : r.map(name)));
  return parts.join(lang === 'zh' ? '、' : ', ');
}
