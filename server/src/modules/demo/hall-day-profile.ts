// When the demo hall is open and how busy it is through the day. Hall time is
// Asia/Shanghai, which has had no daylight saving since 1991, so a fixed +08:00 offset
// is exact and keeps the simulation free of time-zone libraries.

export const HALL_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_SEC = 24 * 3600;

const hm = (h: number, m = 0) => h * 3600 + m * 60;

/** Epoch milliseconds of the hall-local midnight that starts `day` (YYYY-MM-DD). */
export function hallDayStartMs(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`)))
    throw new Error(`"${day}" is not a date like 2024-06-03`);
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** The hall-local date (YYYY-MM-DD) of an instant. */
export function hallDayOf(ms: number): string {
  return new Date(ms + HALL_OFFSET_MS).toISOString().slice(0, 10);
}

export function nextHallDay(day: string): string {
  return hallDayOf(hallDayStartMs(day) + DAY_SEC * 1000);
}

/** ISO-8601 in hall time with its offset, as a queue-ticket machine would stamp it. */
export function hallIso(ms: number): string {
  return `${new Date(ms + HALL_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** HH:MM:SS of an instant in hall time, for progress lines. */
export function hallClock(ms: number): string {
  return new Date(ms + HALL_OFFSET_MS).toISOString().slice(11, 19);
}

/** Seconds after hall midnight for "HH:MM". */
export function parseHallClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`"${text}" is not a time like 08:30`);
  return hm(Number(m[1]), Number(m[2]));
}

// Relative arrival rate through a normal day: a morning peak 09:00–11:00, a lunch lull
// (half the windows close, single-window departments stop issuing), an afternoon peak
// 14:30–16:30, and no new tickets after 17:00, half an hour before closing.
const RATE_KNOTS: ReadonlyArray<readonly [number, number]> = [
  [hm(8, 30), 0.55],
  [hm(9), 1.15],
  [hm(9, 30), 1.45],
  [hm(10, 30), 1.5],
  [hm(11), 1.25],
  [hm(11, 30), 0.85],
  [hm(12), 0.35],
  [hm(13, 15), 0.3],
  [hm(13, 45), 0.6],
  [hm(14, 15), 0.95],
  [hm(14, 45), 1.3],
  [hm(15, 30), 1.4],
  [hm(16, 15), 1.3],
  [hm(16, 45), 0.8],
  [hm(17), 0.5],
];
const RATE_MAX = Math.max(...RATE_KNOTS.map(([, r]) => r));

function interpolate(knots: ReadonlyArray<readonly [number, number]>, sec: number, outside: number): number {
  if (sec < knots[0][0] || sec > knots[knots.length - 1][0]) return outside;
  for (let i = 1; i < knots.length; i++) {
    const [t1, v1] = knots[i];
    if (sec <= t1) {
      const [t0, v0] = knots[i - 1];
      return v0 + ((v1 - v0) * (sec - t0)) / (t1 - t0);
    }
  }
  return outside;
}

// The 公积金 商转公 rush of the report (items 22, 26): a late-morning surge on top of the peak.
const GJJ_SURGE: ReadonlyArray<readonly [number, number]> = [
  [hm(9, 45), 1],
  [hm(10, 15), 1.75],
  [hm(11, 15), 1.75],
  [hm(11, 45), 1],
];
export const SURGE_MAX = 1.75;

export interface HallSchedule {
  readonly mode: 'day' | 'live';
  /** Staff sign in over the few minutes after this. */
  readonly signInSec: number;
  readonly openSec: number;
  readonly issueUntilSec: number;
  /** Staff sign out once their department's queue is empty after this. */
  readonly closeSec: number;
  /** Half of each department's staff sign out for lunch; single-window departments pause. */
  readonly lunch: readonly [number, number];
  /** Maps a second of the simulated day onto the normal day's profile. */
  profileSec(sec: number): number;
  /** Relative arrival rate (0 when no tickets are issued). */
  shape(sec: number): number;
  readonly shapeMax: number;
}

const OPEN = hm(8, 30);
const ISSUE_UNTIL = hm(17);

export const DAY_SCHEDULE: HallSchedule = {
  mode: 'day',
  signInSec: hm(8, 18),
  openSec: OPEN,
  issueUntilSec: ISSUE_UNTIL,
  closeSec: hm(17, 30),
  lunch: [hm(12), hm(13, 30)],
  profileSec: (sec) => sec,
  shape: (sec) => interpolate(RATE_KNOTS, sec, 0),
  shapeMax: RATE_MAX,
};

// Live mode treats the hall as open whenever the demo runs, so the wall always has
// something to show. Real office hours (08:30–17:00) keep their own profile, so a demo
// in the daytime looks like the real hall at that hour; the 15½ hours from 17:00 to
// 08:30 replay a whole office day slowed down ×1.8, with a higher floor at night (no
// one takes lunch then, so its lull would only make the demo look dead). Durations
// (waits, service, breaks) stay real-time: only the arrival profile is stretched. The
// day still ends at midnight, since tickets and indicators are per service day, so
// issuing stops at 23:40 and the queues drain before 00:00.
const LIVE_FLOOR_DAY = 0.4;
const LIVE_FLOOR_NIGHT = 0.8;
const NIGHT_SPAN = DAY_SEC - (ISSUE_UNTIL - OPEN);

function liveProfileSec(sec: number): number {
  if (sec >= OPEN && sec < ISSUE_UNTIL) return sec;
  const night = (sec - ISSUE_UNTIL + DAY_SEC) % DAY_SEC;
  return OPEN + (night * (ISSUE_UNTIL - OPEN)) / NIGHT_SPAN;
}

export const LIVE_SCHEDULE: HallSchedule = {
  mode: 'live',
  signInSec: 0,
  openSec: hm(0, 3),
  issueUntilSec: hm(23, 40),
  closeSec: hm(23, 50),
  lunch: [hm(12), hm(13, 30)],
  profileSec: liveProfileSec,
  shape: (sec) => {
    if (sec < hm(0, 3) || sec > hm(23, 40)) return 0;
    const floor = sec >= OPEN && sec < ISSUE_UNTIL ? LIVE_FLOOR_DAY : LIVE_FLOOR_NIGHT;
    return Math.max(floor, interpolate(RATE_KNOTS, liveProfileSec(sec), 0));
  },
  shapeMax: RATE_MAX,
};

/** How much busier a department is than usual at a second of the simulated day. */
export function surgeFactor(schedule: HallSchedule, department: string, sec: number): number {
  if (department !== 'gjj') return 1;
  const f = interpolate(GJJ_SURGE, schedule.profileSec(sec), 1);
  // The live night replays the surge slowed down: the same extra citizens over a longer stretch.
  const stretched = schedule.mode === 'live' && (sec < OPEN || sec >= ISSUE_UNTIL);
  return stretched ? 1 + ((f - 1) * (ISSUE_UNTIL - OPEN)) / NIGHT_SPAN : f;
}

/** The normal day's shape integrated over the day, in seconds at rate 1. */
export const NORMAL_DAY_SHAPE_SEC = (() => {
  let sum = 0;
  for (let s = OPEN; s <= ISSUE_UNTIL; s += 60) sum += DAY_SCHEDULE.shape(s) * 60;
  return sum;
})();
