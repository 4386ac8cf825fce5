import { DEMO_DEPARTMENTS, demoWindows } from '../../server/src/modules/demo/demo-hall';
import { demoStaff } from '../../server/src/modules/demo/seed-demo';
import { RawEvent, spanStartToday } from './hall-day';
import { postEvents } from './http';

// A morning of the seeded demo hall, squeezed into the time before now on today's service
// day, so that the wall has realistic figures to show: most windows serving, queues that
// build where demand outruns the windows, staff on breaks and one away unregistered, a
// few windows nobody signed in at, reviews and a complaint.

/** Deterministic draws, so that a failing run replays. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export interface WallHallPlan {
  /** Windows nobody signs in at (red, unstaffed). */
  unstaffed: string[];
  /** Staff away: window, reason, minutes before now. */
  away: Array<{ window: string; reason: 'break' | 'meeting' | 'official_business' | 'unregistered'; minutesAgo: number }>;
  /** Demand per department relative to what its windows can serve (1 = full). */
  load: Record<string, number>;
}

export const DEFAULT_PLAN: WallHallPlan = {
  unstaffed: ['21', '58'],
  away: [
    { window: '08', reason: 'break', minutesAgo: 4 },
    { window: '30', reason: 'meeting', minutesAgo: 25 },
    { window: '14', reason: 'unregistered', minutesAgo: 11 },
    { window: '45', reason: 'break', minutesAgo: 22 },
  ],
  load: { gjj: 1.45, yb: 1.1, bdc: 1.05, mz: 1.5 },
};

export interface WallHall {
  events: RawEvent[];
  /** Hall-local start of the simulated span. */
  startMs: number;
  nowMs: number;
  /** The staff code signed in at each window. */
  staffAt: Map<string, string>;
}

/** The events of the morning, ending at `nowMs`; every event lies on today's service day. */
export function wallHallEvents(nowMs: number, plan: WallHallPlan = DEFAULT_PLAN, seed = 7): WallHall {
  const rand = lcg(seed);
  const startMs = spanStartToday(nowMs, 110 * 60_000, 60_000);
  const span = nowMs - startMs;
  // Minutes of the plan scale with the span, so that a run just after midnight still works.
  const min = (m: number) => Math.round((m * 60_000 * span) / (110 * 60_000));
  const events: RawEvent[] = [];
  let n = 0;
  const push = (type: string, data: Record<string, unknown>, at: number) =>
    events.push({ id: `wh${seed}-${(n++).toString(36)}`, type, occurredAt: new Date(Math.min(at, nowMs)).toISOString(), data });

  const kinds = new Map(demoWindows().map((w) => [w.code, w]));
  const staffAt = new Map<string, string>();
  const leaves = new Map(plan.away.map((a) => [a.window, a]));
  const serveUntil = new Map<string, number>();
  for (const s of demoStaff()) {
    if (!s.window || plan.unstaffed.includes(s.window)) continue;
    staffAt.set(s.window, s.code);
    push('staff.signed_in', { staff: s.code, window: s.window }, startMs + Math.floor(rand() * min(6)));
    const leave = leaves.get(s.window);
    const until = leave ? nowMs - min(leave.minutesAgo) : nowMs;
    serveUntil.set(s.window, until);
    if (leave) push('staff.left_post', { staff: s.code, window: s.window, reason: leave.reason }, until);
  }

  let ticketNo = 0;
  for (const d of DEMO_DEPARTMENTS) {
    const windows = [...staffAt.keys()].filter((w) => kinds.get(w)?.department === d.code && kinds.get(w)?.kind !== 'green_channel');
    if (!windows.length) continue;
    const serviceMs = min(d.serviceMin);
    const rate = ((plan.load[d.code] ?? 0.8) * windows.length) / (serviceMs + min(1.2)); // tickets per ms
    const free = new Map(windows.map((w) => [w, startMs + min(8)]));
    for (let at = startMs + min(2) + rand() / rate; at < nowMs; at += (-Math.log(1 - rand()) || 1) / rate) {
      const ticket = `${d.code.toUpperCase()}${String(++ticketNo).padStart(3, '0')}`;
      push('ticket.issued', { ticket, department: d.code, channel: rand() < 0.2 ? 'appointment' : 'walk_in' }, at);
      const open = windows.filter((w) => (free.get(w) ?? 0) < (serveUntil.get(w) ?? 0));
      if (!open.length) continue;
      const window = open.reduce((a, b) => ((free.get(a) ?? 0) <= (free.get(b) ?? 0) ? a : b));
      const call = Math.max(at, free.get(window) ?? 0);
      if (call >= Math.min(nowMs, serveUntil.get(window) ?? 0)) continue; // still waiting
      const staff = staffAt.get(window);
      push('ticket.called', { ticket, window }, call);
      const start = call + min(0.5);
      const end = start + serviceMs * (0.6 + rand() * 0.8);
      free.set(window, end + min(0.3));
      if (start >= nowMs) continue;
      push('ticket.started', { ticket, window, staff }, start);
      if (end >= nowMs) continue;
      push('ticket.completed', { ticket, window, staff, outcome: rand() < 0.93 ? 'done' : 'need_materials' }, end);
      // 主动评价: almost every citizen rates; most are satisfied.
      if (rand() < 0.992) {
        const r = rand();
        const rating = r < 0.86 ? 5 : r < 0.975 ? 4 : r < 0.985 ? 3 : r < 0.993 ? 2 : 1;
        push('review.submitted', { rating, channel: 'pad', department: d.code, ticket, window, staff }, end + min(0.2));
      }
    }
  }
  // The day's longest wait, already called: a citizen who waited far longer than anyone now waiting.
  push('ticket.issued', { ticket: 'GJJ900', department: 'gjj', channel: 'walk_in' }, startMs + min(1));
  push('ticket.called', { ticket: 'GJJ900', window: '01' }, startMs + min(72));
  push('ticket.no_show', { ticket: 'GJJ900', window: '01' }, startMs + min(74));
  push('complaint.received', { source: 'onsite', summary: '窗口工作人员离岗，群众等候无人受理', department: 'rs' }, nowMs - min(30));
  return { events, startMs, nowMs, staffAt };
}

/** Posts the events in batches of up to 1,000; throws unless every one is accepted. */
export async function postAll(url: string, key: string, events: RawEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    const res = await postEvents(url, key, { events: events.slice(i, i + 1000) });
    const bad = res.status === 200 ? res.body.results.filter((r) => r.status !== 'accepted') : [];
    if (res.status !== 200 || bad.length) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(bad.slice(0, 3) || res.body)}`);
  }
}
