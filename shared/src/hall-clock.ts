/** An instant's calendar fields on a hall's clock (the site's own time zone), zero-padded. */
export interface HallClockParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function hallClockParts(at: Date, timeZone: string): HallClockParts {
  const p = formatFor(timeZone).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === t)?.value ?? '00';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** "2024-11-06 09:30" on the hall's clock, as the office's sheets write it; empty for no instant. */
export function hallMinuteText(at: Date | string | null, timeZone: string): string {
  if (!at) return '';
  const p = hallClockParts(new Date(at), timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
