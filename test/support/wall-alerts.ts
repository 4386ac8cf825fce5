import { DataSource } from 'typeorm';
import { demoWindows } from '../../server/src/modules/demo/demo-hall';
import { demoStaff } from '../../server/src/modules/demo/seed-demo';
import { RawEvent } from './hall-day';

// A weekday morning of the seeded demo hall that raises each of the hall's own alerts once, at
// 民政局（婚姻登记）, the longest department name in Chinese and a long one in English (the lines
// must still fit the wall): the 掌上办 zone (window 86) nobody signed in at, three 差评 not yet
// called back, a surge against the previous days' same hour, and two windows out of balance.
// Every other window is staffed and nobody else waits, so these are the lines.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR; // Asia/Shanghai

/** 10:30 in the hall on the last weekday before today, whatever day the test runs. */
export function lastWeekdayMorningAt(hour = 10.5): Date {
  let midnight = Math.floor((Date.now() + OFFSET) / DAY) * DAY - OFFSET - DAY;
  const weekday = (ms: number) => new Date(ms + OFFSET + 12 * HOUR).getUTCDay();
  while (weekday(midnight) === 0 || weekday(midnight) === 6) midnight -= DAY;
  return new Date(midnight + hour * HOUR);
}

export interface AlertMorning {
  events: RawEvent[];
  /** The 差评's event ids, oldest first. */
  badReviews: string[];
  /** The surge's waiting tickets. */
  surgeTickets: string[];
  /** 民政局's two open windows: the busy one first. */
  windows: string[];
  /** A roster member who never turned up, to staff the 掌上办 zone at last. */
  zoneHelper: string;
  /** Who is signed in at each window. */
  staffAt: Map<string, string>;
}

export function alertMorningEvents(nowMs: number): AlertMorning {
  const min = (m: number) => new Date(nowMs - m * 60_000).toISOString();
  let n = 0;
  const events: RawEvent[] = [];
  const push = (type: string, data: Record<string, unknown>, at: string, id = `am-${(n++).toString(36)}`) =>
    events.push({ id, type, occurredAt: at, data });
  const staff = demoStaff();
  const staffAt = new Map(staff.filter((s) => s.window).map((s) => [s.window!, s.code]));
  // Every staffed window from 08:40; the 掌上办 zone (ZS1, number 86) has nobody.
  for (const [window, code] of staffAt) push('staff.signed_in', { staff: code, window }, min(110));

  const windows = demoWindows()
    .filter((w) => w.department === 'mz' && w.isOpen)
    .map((w) => w.code);
  const serve = (window: string, k: number, fromMin: number) => {
    const ticket = `MS${window}${String(k).padStart(2, '0')}`;
    push('ticket.issued', { ticket, department: 'mz', channel: 'walk_in' }, min(fromMin));
    push('ticket.called', { ticket, window }, min(fromMin - 1));
    push('ticket.completed', { ticket, window, staff: staffAt.get(window), outcome: 'done' }, min(fromMin - 3));
  };
  // The first window served twenty, the second two.
  for (let k = 0; k < 20; k++) serve(windows[0], k, 100 - 4 * k);
  for (let k = 0; k < 2; k++) serve(windows[1], k, 90 - 30 * k);

  // Three 差评 at the second window, none called back yet.
  const badReviews = ['am-bad-1', 'am-bad-2', 'am-bad-3'];
  const rated = windows[1];
  badReviews.forEach((id, i) =>
    push(
      'review.submitted',
      { rating: i === 2 ? 1 : 2, channel: 'pad', department: 'mz', window: rated, staff: staffAt.get(rated) },
      min(25 - 10 * i),
      id,
    ),
  );

  // Nine waiting in the last ten minutes, where the previous days' 10 o'clock had one.
  const surgeTickets = Array.from({ length: 9 }, (_, i) => `MZ${i}`);
  surgeTickets.forEach((ticket, i) => push('ticket.issued', { ticket, department: 'mz', channel: 'walk_in' }, min(9 - i)));

  const zoneHelper = staff.find((s) => s.window === null)!.code;
  return { events, badReviews, surgeTickets, windows, zoneHelper, staffAt };
}

/** The previous seven days' queue at 民政局 in the same hour: one waiting, as a quiet hall records it. */
export async function seedQuietHours(ds: DataSource, site: string, nowMs: number): Promise<void> {
  const hour = Math.floor(nowMs / HOUR) * HOUR; // a whole-hour offset zone
  for (let d = 1; d <= 7; d++)
    await ds.query(
      `INSERT INTO indicator_history (site_id, indicator, hour, department, value)
       SELECT id, 'queue.waiting', $2, 'mz', 1 FROM sites WHERE code = $1
       ON CONFLICT (site_id, indicator, hour, department) DO UPDATE SET value = EXCLUDED.value`,
      [site, new Date(hour - d * DAY)],
    );
}
