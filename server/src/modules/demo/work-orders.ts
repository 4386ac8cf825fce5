import { EventDataMap } from '@hallwatch/shared';
import { DAY_SEC, hallDayOf, hallDayStartMs, hallIso } from './hall-day-profile';
import { SeededRandom } from './seeded-random';

// What the 12345 platform does with the orders it hands the hall. An order is to be signed for
// within one working day and closed within five (办结 by the end of the fifth working day's
// office hours). Most orders are simply worked by the hall; now and then the platform approves
// an extension, closes and files an order itself, or the citizen withdraws it through the hotline.

/** The n-th working day after a hall date (n ≥ 1). */
export type WorkingDayAfter = (day: string, n: number) => string;

const SIGN_WORKING_DAYS = 1;
const CLOSE_WORKING_DAYS = 5;
const EXTENSION_WORKING_DAYS = 5;
const CLOSE_OF_OFFICE_SEC = 17.5 * 3600;
const P_WITHDRAWN = 0.03;
const P_CLOSED = 0.12;
const P_EXTENDED = 0.1;

/** Monday to Friday, when no calendar is at hand (the live simulator). */
export const WEEKDAYS_ONLY: WorkingDayAfter = (day, n) => {
  let ms = hallDayStartMs(day);
  for (let found = 0; found < n;) {
    ms += DAY_SEC * 1000;
    const weekday = new Date(ms + 12 * 3600_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) found++;
  }
  return hallDayOf(ms);
};

/** The platform's number for the day's n-th order: year first, as the hotline files them; the live hall's have a 9 after the date. */
export function workOrderNumber(day: string, n: number, live: boolean): string {
  return `${day.replace(/-/g, '')}${live ? '9' : '0'}${String(n).padStart(4, '0')}`;
}

export interface OrderLimits {
  signBy: string;
  closeBy: string;
}

/** Sign by the same time on the next working day; close by the end of office hours on the fifth. */
export function orderLimits(day: string, receivedMs: number, after: WorkingDayAfter): OrderLimits {
  const clock = receivedMs - hallDayStartMs(day);
  return {
    signBy: hallIso(hallDayStartMs(after(day, SIGN_WORKING_DAYS)) + clock),
    closeBy: hallIso(hallDayStartMs(after(day, CLOSE_WORKING_DAYS)) + CLOSE_OF_OFFICE_SEC * 1000),
  };
}

export interface PlannedUpdate {
  atMs: number;
  data: EventDataMap['complaint.platform_updated'];
}

const NOTES = {
  withdrawn: ['群众来电表示问题已自行解决，申请撤单', '群众重复来电，已合并至原工单办理，本单撤销'],
  closed: ['承办单位已答复，经回访群众满意，办结归档', '已按承办单位答复内容办结归档'],
  extended: ['承办单位申请延期，经审核同意延期办理', '涉及多部门协调，同意延期'],
};

/** A time during office hours (09:00–17:00) on a working day some days after the order came. */
function officeTime(rng: SeededRandom, day: string, n: number, after: WorkingDayAfter): number {
  return hallDayStartMs(after(day, n)) + rng.int(9 * 3600, 17 * 3600) * 1000;
}

/** What the platform will do with an order, at the times it does it (any of them may be after the hall's day). */
export function planPlatform(
  rng: SeededRandom,
  workOrder: string,
  day: string,
  receivedMs: number,
  limits: OrderLimits,
  after: WorkingDayAfter,
): PlannedUpdate[] {
  const r = rng.next();
  if (r < P_WITHDRAWN)
    return [{ atMs: receivedMs + rng.int(30, 180) * 60_000, data: { workOrder, change: 'withdrawn', note: rng.pick(NOTES.withdrawn) } }];
  if (r < P_WITHDRAWN + P_CLOSED)
    return [{ atMs: officeTime(rng, day, rng.int(2, 4), after), data: { workOrder, change: 'closed', note: rng.pick(NOTES.closed) } }];
  if (r < P_WITHDRAWN + P_CLOSED + P_EXTENDED) {
    const closeDay = hallDayOf(Date.parse(limits.closeBy));
    const closeBy = hallIso(hallDayStartMs(after(closeDay, EXTENSION_WORKING_DAYS)) + CLOSE_OF_OFFICE_SEC * 1000);
    return [
      {
        atMs: officeTime(rng, day, rng.int(2, 4), after),
        data: { workOrder, change: 'extended', closeBy, note: rng.pick(NOTES.extended) },
      },
    ];
  }
  return [];
}
