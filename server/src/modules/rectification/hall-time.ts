// Hall-local calendar arithmetic for the look-back: when a service day closes, and the
// day before. Dates are YYYY-MM-DD strings, as service_day columns hold them.

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockParts(at: Date, timeZone: string): number[] {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(f.formatToParts(at).find((p) => p.type === type)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** How far the zone's wall clock is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallClockParts(at, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which the zone's wall clock shows `day` `hhmm`. */
export function zonedInstant(day: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const first = wall - offsetMs(new Date(wall), timeZone);
  // A second pass settles the offset on the far side of a daylight-saving change.
  return new Date(wall - offsetMs(new Date(first), timeZone));
}

export function addDays(day: string, n: number): string {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}
