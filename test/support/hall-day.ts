import fc from 'fast-check';

// Random small hall days for the indicator property test: a few departments, windows and
// staff, tickets with every life docs/contracts/device-events.md allows, staff coming and going, reviews,
// complaints and a surge history. Times are whole seconds; each ticket's and each staff
// member's events are strictly increasing in time, as they are in a real hall.

export const HALL_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai, no daylight saving
export const DEPTS = ['d1', 'd2', 'd3'] as const;
export const WINDOWS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'wt1', 'wt3', 'wx'] as const;
const STAFF = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 'sx'] as const;

export interface RawEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

type Phase = 'wait' | 'called' | 'serving' | 'done' | 'no_show' | 'completed_unstarted';
// Weighted towards queues and completions, which most indicators are about.
const phaseArb = fc.constantFrom<Phase>(
  'wait',
  'wait',
  'wait',
  'called',
  'serving',
  'done',
  'done',
  'done',
  'no_show',
  'completed_unstarted',
);
/** Positions within the day's busy span, in ten-thousandths of it. */
const position = fc.integer({ min: 0, max: 10_000 });

const ticketArb = fc.record({
  yesterday: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  dept: fc.constantFrom(...DEPTS),
  issueAt: position,
  phase1: phaseArb,
  recalls: fc.integer({ min: 0, max: 2 }),
  transfer: fc.boolean(),
  toDept: fc.constantFrom('d1', 'd2', 'd3', 'dx'),
  phase2: phaseArb,
  gaps: fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 12, maxLength: 12 }),
  windows: fc.array(fc.constantFrom(...WINDOWS), { minLength: 2, maxLength: 2 }),
  staff: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  outcome: fc.constantFrom('done', 'rejected', 'need_materials'),
});

const STAFF_STEPS = [
  'signed_in',
  'left:break',
  'left:unregistered',
  'left:meeting',
  'left:official_business',
  'returned',
  'signed_out',
] as const;

const staffArb = fc.record({
  startAt: position,
  steps: fc.array(
    fc.record({ kind: fc.constantFrom(...STAFF_STEPS), window: fc.constantFrom(...WINDOWS), gap: fc.integer({ min: 1, max: 900 }) }),
    { maxLength: 5 },
  ),
  /** An earlier sign-in, this many days before the test day (0: none). */
  oldSignInDays: fc.constantFrom(0, 0, 1, 20, 40),
  oldWindow: fc.constantFrom(...WINDOWS),
});

const reviewArb = fc.record({
  dept: fc.constantFrom('d1', 'd2', 'd3', 'dx'),
  rating: fc.integer({ min: 1, max: 5 }),
  yesterday: fc.boolean(),
  at: position,
  /** The ticket rated, by number (past the day's last ticket: one never issued); null: none named. */
  ticket: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  /** More ratings of the same visit under other ids, a few seconds apart (a pad pressed again). */
  copies: fc.constantFrom(0, 0, 0, 1, 2),
  /** The citizen's phone, written two ways for one number: without a ticket, it names the visit. */
  phone: fc.option(fc.constantFrom('13800001111', '138-0000-1111', '13900002222'), { nil: null }),
  window: fc.option(fc.constantFrom('w1', 'w3'), { nil: null }),
});

const complaintArb = fc.record({
  dept: fc.constantFrom('d1', 'd2', 'd3', 'dx', null),
  yesterday: fc.boolean(),
  at: position,
});

/**
 * An entry of the outing and leave register, placed near one of its staff member's steps so that
 * it often covers a departure (or just misses it): its kind is the step's declared reason
 * (`declared`) or another, its state mostly approved, some days back for the roster look-back.
 */
const registerArb = fc.record({
  staff: fc.integer({ min: 0, max: 7 }),
  /** Which step it is placed by; -1 (mostly) the last, the one the staff member's state now comes from. */
  anchorStep: fc.constantFrom(-1, -1, -1, 0, 1, 2),
  kind: fc.constantFrom('declared', 'declared', 'declared', 'official_business', 'meeting', 'sick_leave', 'annual_leave'),
  state: fc.constantFrom('approved', 'approved', 'approved', 'approved', 'pending', 'rejected', 'cancelled'),
  offsetMin: fc.integer({ min: -30, max: 20 }),
  durationMin: fc.integer({ min: 1, max: 120 }),
  daysBack: fc.constantFrom(0, 0, 0, 0, 10, 35),
  returnedAfterMin: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
});

/** A recorded queue.waiting of one department, `weeksBack` weeks (± shifts) before now's hour. */
const historyArb = fc.uniqueArray(
  fc.record({
    dept: fc.constantFrom(...DEPTS),
    weeksBack: fc.integer({ min: 1, max: 10 }),
    hourShift: fc.constantFrom(0, 0, 0, 1),
    // Days later than the whole weeks back: 0 is the same weekday; 1–6 are the recent days' baseline.
    dayShift: fc.constantFrom(0, 0, 0, 1, 3, 6),
    value: fc.integer({ min: 0, max: 3 }),
  }),
  { selector: (h) => `${h.dept}|${h.weeksBack}|${h.hourShift}|${h.dayShift}`, maxLength: 12, size: 'max' },
);

export const hallDayArb = fc.record({
  settings: fc.record({
    waitTargetSec: fc.constantFrom(600, 900, undefined),
    tidalQueue: fc.constantFrom(2, 3, undefined),
    allowedBreakSec: fc.constantFrom(300, 900, undefined),
    surgeFactor: fc.constantFrom(1.5, 2, undefined),
    surgeMinWaiting: fc.constantFrom(1, 2, 3, undefined),
    unattendedWindowSec: fc.constantFrom(60, 900, undefined),
    windowImbalanceMax: fc.constantFrom(0.3, 1, undefined),
    // Every day, so that the unattended windows are judged whatever weekday the test day falls on.
    hours: fc.constantFrom(
      undefined,
      { opens: '00:00', closes: '23:59', weekdays: [0, 1, 2, 3, 4, 5, 6] },
      { opens: '09:30', closes: '11:00', weekdays: [0, 1, 2, 3, 4, 5, 6] },
    ),
    lunchBreak: fc.constantFrom(undefined, { from: '09:40', to: '10:20' }),
  }),
  d2Target: fc.constantFrom(null, 300, 1200),
  wt1Open: fc.boolean(),
  wt3Open: fc.boolean(),
  /** How long the busy part of the day lasts: short spans make queues and near-target waits. */
  span: fc.constantFrom(1200, 2400, 3600, 6 * 3600),
  tickets: fc.array(ticketArb, { maxLength: 40, size: 'max' }),
  /** A rush of completions in one department, so that "the latest 20 services" has more to choose from. */
  rush: fc.array(
    ticketArb.map((t) => ({ ...t, dept: 'd2' as const, phase1: 'done' as const, transfer: false })),
    { maxLength: 30, size: 'max' },
  ),
  staff: fc.array(staffArb, { minLength: STAFF.length, maxLength: STAFF.length }),
  reviews: fc.array(reviewArb, { maxLength: 10, size: 'max' }),
  complaints: fc.array(complaintArb, { maxLength: 4 }),
  history: historyArb,
  register: fc.array(registerArb, { maxLength: 10 }),
  nowAfterLastSec: fc.integer({ min: 1, max: 900 }),
  duplicates: fc.array(fc.nat(), { maxLength: 12 }),
  order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  batches: fc.integer({ min: 1, max: 4 }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
export type HallDay = ValueOf<typeof hallDayArb>;
export type HistoryRow = HallDay['history'][number];

/** Hall-local midnight of a YYYY-MM-DD day, as epoch ms. */
export const localMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - HALL_OFFSET_MS;
export const localDay = (ms: number) => new Date(ms + HALL_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Where a span of events ending at `nowMs` starts: `lookbackMs` earlier, but no earlier than
 * `marginMs` past the hall's midnight, so that every event lies on today's service day
 * whatever the hour the test runs at.
 */
export const spanStartToday = (nowMs: number, lookbackMs: number, marginMs = 1000) =>
  Math.max(localMidnight(localDay(nowMs)) + marginMs, nowMs - lookbackMs);

/** An entry of the outing and leave register, as the property test stores it. */
export interface RegisterEntry {
  staff: string;
  kind: string;
  state: string;
  from: number;
  to: number;
  returnedAt: number | null;
}

export interface DayEvents {
  events: RawEvent[];
  register: RegisterEntry[];
  /** The moment the snapshot is taken: after every event, on the same service day. */
  now: Date;
}

export function dayEvents(day: HallDay, testDay: string): DayEvents {
  const events: RawEvent[] = [];
  const midnight = localMidnight(testDay);
  const opening = midnight + 9 * 3600_000;
  const inSpan = (pos: number) => Math.floor((pos * day.span) / 10_000) * 1000;
  let n = 0;
  const push = (type: string, data: Record<string, unknown>, at: number) =>
    events.push({ id: `ev${(n++).toString().padStart(4, '0')}`, type, occurredAt: new Date(at).toISOString(), data });

  [...day.tickets, ...day.rush].forEach((s, i) => {
    const ticket = `T${i.toString().padStart(3, '0')}`;
    let t = opening - (s.yesterday ? 86_400_000 : 0) + inSpan(s.issueAt);
    const gaps = [...s.gaps];
    const next = () => (t += (gaps.shift() ?? 60) * 1000);
    push('ticket.issued', { ticket, department: s.dept, channel: 'walk_in' }, t);
    const phase = (p: Phase, window: string) => {
      if (p === 'wait') return;
      for (let c = 0; c <= s.recalls; c++) push('ticket.called', { ticket, window }, next());
      if (p === 'called') return;
      if (p === 'no_show') return void push('ticket.no_show', { ticket, window }, next());
      if (p !== 'completed_unstarted') {
        push('ticket.started', { ticket, window, staff: s.staff }, next());
        if (p === 'serving') return;
      }
      push('ticket.completed', { ticket, window, staff: s.staff, outcome: s.outcome }, next());
    };
    phase(s.phase1, s.windows[0]);
    if (s.transfer && (s.phase1 === 'wait' || s.phase1 === 'called' || s.phase1 === 'serving')) {
      push('ticket.transferred', { ticket, fromWindow: s.windows[0], toDepartment: s.toDept }, next());
      phase(s.phase2, s.windows[1]);
    }
  });

  const steps: Array<Array<{ at: number; reason: string | undefined }>> = STAFF.map(() => []);
  day.staff.forEach((s, i) => {
    const staff = STAFF[i];
    if (s.oldSignInDays > 0)
      push('staff.signed_in', { staff, window: s.oldWindow }, midnight - s.oldSignInDays * 86_400_000 + 10 * 3600_000);
    let t = opening - 1800_000 + inSpan(s.startAt);
    for (const step of s.steps) {
      t += step.gap * 1000;
      const [kind, reason] = step.kind.split(':');
      steps[i].push({ at: t, reason });
      const data: Record<string, unknown> = { staff, window: step.window };
      if (reason) data.reason = reason;
      push(kind === 'left' ? 'staff.left_post' : `staff.${kind}`, data, t);
    }
  });

  // Every rating of one visit carries the same rating and department: which of them counts
  // then depends on no arrival order, and the reference can recompute it from the events alone.
  // A visit is a ticket on its day, else a phone at a window (or department) on its day.
  const visits = new Map<string, { rating: number; dept: string }>();
  for (const r of day.reviews) {
    const at = opening - (r.yesterday ? 86_400_000 : 0) + inSpan(r.at);
    const ticket = r.ticket === null ? null : `T${r.ticket.toString().padStart(3, '0')}`;
    const phone = r.phone && r.phone.replace(/\D/g, '');
    const key = ticket ? `${r.yesterday}:${ticket}` : phone ? `${r.yesterday}:${r.window ?? `dept/${r.dept}`}:${phone}` : null;
    const visit = (key && visits.get(key)) || { rating: r.rating, dept: r.dept };
    if (key) visits.set(key, visit);
    const named = { ...(ticket ? { ticket } : {}), ...(r.phone ? { phone: r.phone } : {}), ...(r.window ? { window: r.window } : {}) };
    for (let c = 0; c <= r.copies; c++)
      push('review.submitted', { rating: visit.rating, channel: 'pad', department: visit.dept, ...named }, at + c * 7000);
  }
  for (const c of day.complaints) {
    const at = opening - (c.yesterday ? 86_400_000 : 0) + inSpan(c.at);
    push('complaint.received', { source: 'onsite', summary: '窗口无人', ...(c.dept ? { department: c.dept } : {}) }, at);
  }
  const register = day.register.map((r): RegisterEntry => {
    const own = steps[r.staff];
    const anchor = own.length ? own[r.anchorStep < 0 ? own.length - 1 : r.anchorStep % own.length] : { at: opening, reason: undefined };
    const declared = anchor.reason === 'official_business' || anchor.reason === 'meeting' ? anchor.reason : 'official_business';
    const from = anchor.at + r.offsetMin * 60_000 - r.daysBack * 86_400_000;
    const to = from + r.durationMin * 60_000;
    const returnedAt = r.returnedAfterMin !== null && r.returnedAfterMin < r.durationMin ? from + r.returnedAfterMin * 60_000 : null;
    return { staff: STAFF[r.staff], kind: r.kind === 'declared' ? declared : r.kind, state: r.state, from, to, returnedAt };
  });
  const last = Math.max(opening, ...events.map((e) => Date.parse(e.occurredAt)));
  // Half a second past a whole second, so that the few milliseconds the request takes
  // cannot carry "now" across a second boundary.
  return { events, register, now: new Date(last + day.nowAfterLastSec * 1000 + 500) };
}

/** The events as a device fleet would post them: shuffled, some twice, in a few requests. */
export function postingOrder(day: Pick<HallDay, 'duplicates' | 'order' | 'batches'>, events: RawEvent[]): RawEvent[][] {
  const list = [...events];
  for (const d of day.duplicates) if (list.length) list.push(events[d % events.length]);
  // Deterministic shuffle driven by the generated numbers, so that a failure replays.
  let seed = day.order.reduce((a, b) => (a * 31 + b) >>> 0, 7);
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  const size = Math.max(1, Math.ceil(list.length / day.batches));
  const out: RawEvent[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
