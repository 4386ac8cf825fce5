// Notice deadlines on the hall's clock, computed on the phone so that a notice written
// offline carries the deadline the patroller chose: the end of a working afternoon.

const CLOSE = '17:30';

export interface DeadlineOption {
  /** Working days after today; 0 for today. */
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

const addDays = (day: string, n: number): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/** Monday to Friday after `today`: what a page whose copy predates the calendar falls back on. */
function weekdaysAfter(today: string, n: number): string[] {
  const out: string[] = [];
  for (let d = addDays(today, 1); out.length < n; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(d);
  }
  return out;
}

/**
 * Today (while time is left) and the n-th working day after it for each of `counts`, each
 * at 17:30 hall time. Counted in working days, so that "1 day" on a Friday is Monday, not a
 * Saturday nobody works; `workingDays` is the hall's calendar from the server.
 */
export function deadlineOptions(
  nowMs: number,
  utcOffsetMinutes: number,
  workingDays?: readonly string[],
  counts: readonly number[] = [1, 3, 5, 7],
): DeadlineOption[] {
  const today = new Date(nowMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  // The server's list begins after its own today; one the phone has moved past is dropped.
  const ahead = (workingDays ?? weekdaysAfter(today, Math.max(...counts))).filter((d) => d > today);
  const out: DeadlineOption[] = [];
  for (const [days, day] of [[0, today] as const, ...counts.map((n) => [n, ahead[n - 1]] as const)]) {
    if (!day) continue;
    const iso = `${day}T${CLOSE}:00${offsetText(utcOffsetMinutes)}`;
    // Today's option only while there is still time left today.
    if (Date.parse(iso) <= nowMs) continue;
    out.push({ days, iso, date: `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}` });
  }
  return out;
}

/** HH:MM of an instant on the hall's clock. */
export function hallTime(iso: string, utcOffsetMinutes: number): string {
  const d = new Date(Date.parse(iso) + utcOffsetMinutes * 60_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
