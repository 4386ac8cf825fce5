// Notice deadlines on the hall's clock, computed on the phone so that a notice written
// offline carries the deadline the patroller chose: the end of a working afternoon.

const CLOSE = '17:30';

export interface DeadlineOption {
  days: number;
  /** ISO instant with the hall's offset, e.g. 2024-07-18T17:30:00+08:00. */
  iso: string;
  /** Hall-local M/D for the label. */
  date: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

export function deadlineOptions(nowMs: number, utcOffsetMinutes: number, days: number[] = [0, 1, 3, 5, 7]): DeadlineOption[] {
  const local = new Date(nowMs + utcOffsetMinutes * 60_000);
  const out: DeadlineOption[] = [];
  for (const n of days) {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + n));
    const day = d.toISOString().slice(0, 10);
    const iso = `${day}T${CLOSE}:00${offsetText(utcOffsetMinutes)}`;
    // Today's option only while there is still time left today.
    if (Date.parse(iso) <= nowMs) continue;
    out.push({ days: n, iso, date: `${d.getUTCMonth() + 1}/${d.getUTCDate()}` });
  }
  return out;
}

/** HH:MM of an instant on the hall's clock. */
export function hallTime(iso: string, utcOffsetMinutes: number): string {
  const d = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
