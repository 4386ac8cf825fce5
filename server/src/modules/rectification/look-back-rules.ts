import type { DayVerdict, LinkWindow, LookBackSettings } from '@hallwatch/shared';
import { serviceDay } from '../../core/time/service-day';
import { addDays, zonedInstant } from '../../core/time/zoned-time';

// The look-back (回头看) as pure state transitions, so that every rule can be read and
// unit-tested apart from the database. A `now` link is watched continuously; a `day` link
// is judged once per service day, after the hall has closed.

export interface LinkTrack {
  offSince: Date | null;
  failingDays: number;
  judgedDay: string | null;
  judgedVerdict: DayVerdict | null;
  lastValue: number | null;
  checkedAt: Date | null;
}

/** The latest service day whose close has passed: today after closing time, else yesterday. */
export function latestClosedDay(now: Date, timeZone: string, closesAt: string): string {
  const today = serviceDay(now, timeZone);
  return now >= zonedInstant(today, closesAt, timeZone) ? today : addDays(today, -1);
}

/** A live observation. An unknown value (null) changes nothing: no data is not a verdict. */
export function observeNow(track: LinkTrack, value: number | null, onTarget: boolean | null, now: Date): LinkTrack {
  const next = { ...track, lastValue: value, checkedAt: now };
  if (onTarget === null) return next;
  return { ...next, offSince: onTarget ? null : (track.offSince ?? now) };
}

export type { DayVerdict };

/**
 * One closed day's verdict. A pass ends the run of missed days; a day without data (the
 * hall closed, a ratio with nothing to divide) neither breaks nor extends it.
 */
export function judgeDay(track: LinkTrack, day: string, verdict: DayVerdict, value: number | null, dayStart: Date, now: Date): LinkTrack {
  const next = {
    ...track,
    judgedDay: day,
    judgedVerdict: verdict,
    checkedAt: now,
    lastValue: verdict === 'no-data' ? track.lastValue : value,
  };
  if (verdict === 'pass') return { ...next, failingDays: 0, offSince: null };
  if (verdict === 'fail') return { ...next, failingDays: track.failingDays + 1, offSince: track.offSince ?? dayStart };
  return next;
}

/**
 * Since when a rectified item's link makes it rebound, or null. Nothing before the item
 * was declared rectified counts against it.
 */
export function reboundSince(window: LinkWindow, track: LinkTrack, rectifiedAt: Date, settings: LookBackSettings, now: Date): Date | null {
  if (track.offSince === null) return null;
  const since = track.offSince > rectifiedAt ? track.offSince : rectifiedAt;
  if (window === 'day') return track.failingDays >= settings.days ? since : null;
  return now.getTime() - since.getTime() >= settings.liveMinutes * 60_000 ? since : null;
}

/** Marking an item rectified starts its daily record afresh: earlier misses were the problem itself. */
export function restartDayTrack(track: LinkTrack): LinkTrack {
  return { ...track, failingDays: 0, offSince: null };
}
