import { localDay, RawEvent, RegisterEntry } from './hall-day';

// An independent, deliberately plain recomputation of docs/contracts/indicators.md from the raw event list,
// for the property test. It shares no code with the server: ticket life is replayed here
// from the docs/contracts/device-events.md rules, and every indicator is counted by brute force.

export interface RefSettings {
  waitTargetSec: number;
  tidalQueue: number;
  allowedBreakSec: number;
  surgeFactor: number;
  surgeMinWaiting: number;
  unattendedWindowSec: number;
  windowImbalanceMax: number;
  /** Opening hours: HH:MM times and weekdays (0 Sunday). */
  hours: { opens: string; closes: string; weekdays: readonly number[] };
  lunchBreak: { from: string; to: string } | null;
}

export interface RefRegistry {
  departments: Record<string, { target: number | null }>;
  windows: Record<string, { dept: string | null; kind: string; isOpen: boolean }>;
  staff: Record<string, { dept: string | null; onRoster: boolean }>;
  /** Today's patrol rounds and what judges them; none when the site does not patrol. */
  patrol?: RefPatrol;
}

/** A site's rounds of the day, its checklist, its checkpoints' codes over time and its walk rules. */
export interface RefPatrol {
  rounds: Array<{ code: string; due: number }>;
  checklist: string[];
  /** Each checkpoint's codes, each with the span of device times it confirms ([from, to), null for open). */
  codes: Record<string, Array<{ code: string; from: number | null; to: number | null }>>;
  leadMin: number;
  minDurationSec: number;
}

export type Values = Record<string, number | null>;

/** A closure drawn for a second callback (回访核实): its case's department, when it was drawn, and the answer if any. */
export interface RefCallbackCheck {
  department: string | null;
  drawnAt: Date;
  answer: 'confirmed' | 'not_contacted' | 'contacted_not_solved' | null;
}
export interface RefResult {
  values: Values;
  departments: Record<string, Values>;
  /** `id|severity|since` of every alert. */
  alerts: string[];
}

interface Seg {
  dept: string;
  from: number;
  called: number | null;
}
interface Tkt {
  day: string;
  code: string;
  dept: string | null;
  status: string;
  window: string | null;
  segs: Seg[];
  calls: number;
  lastCalled: number | null;
  started: number | null;
  ended: number | null;
}

const at = (e: RawEvent) => Date.parse(e.occurredAt);
const s = (e: RawEvent, k: string) => e.data[k] as string;

function replayTicket(day: string, code: string, evs: RawEvent[]): Tkt {
  const t: Tkt = {
    day,
    code,
    dept: null,
    status: 'unknown',
    window: null,
    segs: [],
    calls: 0,
    lastCalled: null,
    started: null,
    ended: null,
  };
  for (const e of [...evs].sort((a, b) => at(a) - at(b))) {
    const seg = t.segs[t.segs.length - 1];
    if (e.type === 'ticket.issued') {
      t.dept = s(e, 'department');
      t.segs.push({ dept: t.dept, from: at(e), called: null });
      t.status = 'waiting';
    } else if (e.type === 'ticket.transferred') {
      t.dept = s(e, 'toDepartment');
      t.segs.push({ dept: t.dept, from: at(e), called: null });
      Object.assign(t, { status: 'waiting', window: null, started: null, ended: null });
    } else if (e.type === 'ticket.called') {
      if (seg && seg.called === null) seg.called = at(e); // a recall does not restart the wait
      Object.assign(t, { calls: t.calls + 1, lastCalled: at(e), window: s(e, 'window'), status: 'called' });
    } else if (e.type === 'ticket.started') Object.assign(t, { status: 'serving', window: s(e, 'window'), started: at(e) });
    else if (e.type === 'ticket.completed') Object.assign(t, { status: 'done', window: s(e, 'window'), ended: at(e) });
    else if (e.type === 'ticket.no_show') Object.assign(t, { status: 'no_show', window: s(e, 'window'), ended: at(e) });
  }
  return t;
}

/**
 * The visit a rating rates, by docs/contracts/reviews.md: its ticket on its day; without a ticket,
 * the phone's digits at its window (its department when it names none) on its day; else none.
 */
export function ratingVisitOf(e: RawEvent): string | null {
  const day = localDay(at(e));
  if (typeof e.data.ticket === 'string') return `${day}:ticket:${e.data.ticket}`;
  const digits = typeof e.data.phone === 'string' ? e.data.phone.replace(/\D/g, '') : '';
  if (!digits) return null;
  const place = typeof e.data.window === 'string' ? `window:${e.data.window}` : `department:${e.data.department as string}`;
  return `${day}:phone:${place}:${digits}`;
}

const secs = (from: number, to: number) => Math.max(0, Math.floor((to - from) / 1000));
const share = (a: number, b: number) => (b > 0 ? a / b : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const maxOf = (xs: Array<number | null>) => xs.reduce<number | null>((m, x) => (x !== null && (m === null || x > m) ? x : m), null);

export function referenceIndicators(
  events: RawEvent[],
  now: Date,
  reg: RefRegistry,
  set: RefSettings,
  usual: Record<string, number>,
  checks: RefCallbackCheck[] = [],
  register: RegisterEntry[] = [],
): RefResult {
  const nowMs = now.getTime();
  const today = localDay(nowMs);
  // This hall-local month's draws, up to today.
  const drawnThisMonth = checks.filter((c) => {
    const day = localDay(c.drawnAt.getTime());
    return day.slice(0, 7) === today.slice(0, 7) && day <= today;
  });
  const target = (d: string) => reg.departments[d]?.target ?? set.waitTargetSec;
  const rounds = referenceRounds(events, nowMs, reg.patrol);

  // Tickets of today, replayed.
  const byTicket = new Map<string, RawEvent[]>();
  for (const e of events.filter((x) => x.type.startsWith('ticket.') && localDay(at(x)) === today)) {
    const k = s(e, 'ticket');
    byTicket.set(k, [...(byTicket.get(k) ?? []), e]);
  }
  const tickets = [...byTicket].map(([code, evs]) => replayTicket(today, code, evs));
  const calledSegs = tickets.flatMap((t) => t.segs.filter((g) => g.called !== null));
  const waitingOf = (d: string | null) =>
    tickets
      .filter((t) => t.status === 'waiting' && (d === null || t.dept === d))
      .map((t) => t.segs[t.segs.length - 1].from)
      .sort((a, b) => a - b);

  // Staff presence: the newest event wins.
  const byStaff = new Map<string, RawEvent[]>();
  for (const e of events.filter((x) => x.type.startsWith('staff.'))) byStaff.set(s(e, 'staff'), [...(byStaff.get(s(e, 'staff')) ?? []), e]);
  const lastSignIn = new Map<string, number>();
  const present: Array<{ staff: string; window: string; state: string; reason: string | null; since: number; dept: string | null }> = [];
  for (const [staff, evs] of byStaff) {
    const latest = [...evs].sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : -1))[0];
    const signIns = evs.filter((e) => e.type === 'staff.signed_in').map(at);
    if (signIns.length) lastSignIn.set(staff, Math.max(...signIns));
    const state = { 'staff.signed_in': 'on_post', 'staff.returned': 'on_post', 'staff.left_post': 'away' }[latest.type] ?? 'signed_out';
    if (state === 'signed_out' || localDay(at(latest)) !== today) continue;
    const window = s(latest, 'window');
    present.push({
      staff,
      window,
      state,
      reason: (latest.data.reason as string) ?? null,
      since: at(latest),
      dept: reg.windows[window]?.dept ?? null,
    });
  }
  // The outing and leave register (docs/contracts/absences.md): an approved entry of the staff
  // member covers a departure from 15 minutes before its start to its end (or the return, 销假),
  // leave whatever was declared, an outing only the declared kind; the cover reaching furthest wins.
  const approved = register.filter((r) => r.state === 'approved');
  const until = (r: RegisterEntry) => Math.min(r.to, r.returnedAt ?? r.to);
  const isLeave = (kind: string) => kind.endsWith('_leave');
  const coverOf = (p: (typeof present)[number]) => {
    const covering = approved.filter(
      (r) => r.staff === p.staff && (isLeave(r.kind) || r.kind === p.reason) && p.since >= r.from - 15 * 60_000 && p.since <= until(r),
    );
    return covering.length ? Math.max(...covering.map(until)) : null;
  };
  /** When the absence became unregistered, or null while it is in order. */
  const breachAt = (p: (typeof present)[number]): number | null => {
    if (p.state !== 'away') return null;
    const cover = coverOf(p);
    if (cover !== null) return nowMs > cover ? cover : null;
    if (p.reason === 'unregistered' || p.reason === 'official_business' || p.reason === 'meeting') return p.since;
    return nowMs - p.since > set.allowedBreakSec * 1000 ? p.since + set.allowedBreakSec * 1000 : null;
  };
  const unregistered = (p: (typeof present)[number]) => breachAt(p) !== null;
  const onLeaveLately = (staff: string) =>
    approved.some((r) => r.staff === staff && isLeave(r.kind) && r.from <= nowMs && until(r) >= nowMs - 30 * 86_400_000);

  const doneAt = (w: string) => tickets.filter((t) => t.status === 'done' && t.window === w).length;
  const busy = (w: string) => tickets.some((t) => (t.status === 'called' || t.status === 'serving') && t.window === w);
  // One rating per visit: of the ratings of one visit only one counts (the generator gives
  // them one rating and department, so which one does not matter here).
  const visitSeen = new Set<string>();
  const counted = events.filter((e) => {
    if (e.type !== 'review.submitted') return false;
    const visit = ratingVisitOf(e);
    if (visit === null) return true;
    if (visitSeen.has(visit)) return false;
    visitSeen.add(visit);
    return true;
  });
  const reviewsToday = counted.filter((e) => localDay(at(e)) === today);
  const badOpen = counted.filter((e) => (e.data.rating as number) <= 2);
  const ratedTickets = new Set(reviewsToday.filter((e) => typeof e.data.ticket === 'string').map((e) => e.data.ticket as string));
  const complaints = events.filter((e) => e.type === 'complaint.received');

  const depts = new Set<string>(Object.keys(reg.departments));
  tickets.forEach((t) => t.dept && depts.add(t.dept));
  calledSegs.forEach((g) => depts.add(g.dept));
  [...reviewsToday, ...badOpen, ...complaints].forEach((e) => typeof e.data.department === 'string' && depts.add(e.data.department));
  present.forEach((p) => p.dept && depts.add(p.dept));
  drawnThisMonth.forEach((c) => c.department && depts.add(c.department));
  Object.values(reg.staff).forEach((st) => st.onRoster && st.dept && depts.add(st.dept));

  const openWindows = new Set(present.map((p) => p.window));
  const compute = (d: string | null): Values => {
    const inD = <T extends { dept: string | null }>(x: T) => d === null || x.dept === d;
    const segs = calledSegs.filter(inD).map((g) => ({ w: secs(g.from, g.called!), ok: secs(g.from, g.called!) <= target(g.dept) }));
    const sorted = segs.map((g) => g.w).sort((a, b) => a - b);
    const mine = tickets.filter(inD);
    const waiting = waitingOf(d);
    const served = mine.filter((t) => t.status === 'done').length;
    const called = mine.filter((t) => t.calls > 0).length;
    const pres = present.filter(inD);
    const open = [...new Set(pres.map((p) => p.window))];
    const roster = Object.values(reg.staff).filter((st) => st.onRoster && inD(st));
    const seen = Object.entries(reg.staff).filter(
      ([c, st]) => st.onRoster && inD(st) && ((lastSignIn.get(c) ?? -Infinity) >= nowMs - 30 * 86_400_000 || onLeaveLately(c)),
    );
    const revs = reviewsToday.filter((e) => d === null || e.data.department === d);
    return {
      'queue.waiting': waiting.length,
      'queue.wait.avg': sorted.length ? Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length) : null,
      'queue.wait.p90': sorted.length ? sorted[Math.ceil(0.9 * sorted.length) - 1] : null,
      'queue.wait.max': maxOf([...sorted, ...waiting.map((f) => secs(f, nowMs))]),
      'queue.sla': share(segs.filter((g) => g.ok).length, segs.length),
      'queue.served': served,
      'queue.no_show.rate': share(mine.filter((t) => t.status === 'no_show' && t.calls > 0).length, called),
      'windows.open': open.length,
      'windows.serving': open.filter(busy).length,
      'windows.idle': open.filter((w) => !busy(w)).length,
      'staff.on_post': pres.filter((p) => p.state === 'on_post').length,
      'staff.away.unregistered': pres.filter(unregistered).length,
      'roster.presence': share(seen.length, roster.length),
      // A completed service rated at least once, over the completed services: never above 1.
      'reviews.active_rate': share(mine.filter((t) => t.status === 'done' && ratedTickets.has(t.code)).length, served),
      'reviews.good_rate': share(revs.filter((e) => (e.data.rating as number) >= 4).length, revs.length),
      'reviews.bad.open': badOpen.filter((e) => d === null || e.data.department === d).length,
      'complaints.open': complaints.filter((e) => d === null || e.data.department === d).length,
      'callbacks.verified_share': share(
        drawnThisMonth.filter((c) => (d === null || c.department === d) && c.answer !== null).length,
        drawnThisMonth.filter((c) => d === null || c.department === d).length,
      ),
      'callbacks.falsified_rate': share(
        drawnThisMonth.filter((c) => (d === null || c.department === d) && c.answer === 'not_contacted').length,
        drawnThisMonth.filter((c) => (d === null || c.department === d) && c.answer !== null).length,
      ),
      // Rounds are the site's; its departments have none.
      ...(d === null ? rounds : { 'patrol.rounds.done': 0, 'patrol.rounds.due': 0, 'patrol.rounds.doubtful': 0 }),
      'patrol.findings.open': 0,
      'notices.overdue': 0,
    };
  };

  const departments: Record<string, Values> = {};
  const alerts: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const d of depts) {
    const v = compute(d);
    const waiting = waitingOf(d);
    const open = [...openWindows].filter((w) => reg.windows[w]?.dept === d);
    // Recent service: the department's last 20 completions today, newest first.
    const done = tickets
      .filter((t) => t.dept === d && t.status === 'done' && t.ended !== null && (t.started ?? t.lastCalled) !== null)
      .sort((a, b) => b.ended! - a.ended! || (a.code < b.code ? 1 : -1))
      .slice(0, 20);
    const serviceSum = done.reduce((a, t) => a + secs(t.started ?? t.lastCalled!, t.ended!), 0);
    v['queue.wait.predicted'] =
      open.length === 0
        ? null
        : waiting.length === 0
          ? 0
          : done.length === 0
            ? null
            : Math.round((waiting.length * serviceSum) / (done.length * open.length));
    const loads = open.map(doneAt);
    const total = loads.reduce((a, b) => a + b, 0);
    v['windows.imbalance'] = loads.length < 2 ? null : total === 0 ? 0 : (Math.max(...loads) - Math.min(...loads)) / (total / loads.length);
    // 忙闲不均: judged from 5 completions per open window; since the completion after which it never fell back.
    const breached = (ls: number[]) =>
      ls.length >= 2 &&
      sum(ls) >= 5 * ls.length &&
      sum(ls) > 0 &&
      ((Math.max(...ls) - Math.min(...ls)) * ls.length) / sum(ls) > set.windowImbalanceMax;
    if (breached(loads)) {
      const ends = [
        ...new Set(tickets.filter((t) => t.status === 'done' && t.window !== null && open.includes(t.window)).map((t) => t.ended!)),
      ];
      let since: number | null = null;
      for (const end of ends.sort((a, b) => a - b)) {
        const upTo = open.map((w) => tickets.filter((t) => t.status === 'done' && t.window === w && t.ended! <= end).length);
        if (!breached(upTo)) since = null;
        else since ??= end;
      }
      alerts.push(`windows.imbalance:${d}|warning|${iso(since!)}`);
    }
    const oldestSec = waiting.length ? secs(waiting[0], nowMs) : null;
    const closedTidal = Object.entries(reg.windows).filter(
      ([c, w]) => w.dept === d && w.kind === 'tidal' && !w.isOpen && !openWindows.has(c),
    );
    const byQueue = waiting.length >= set.tidalQueue ? waiting[set.tidalQueue - 1] : null;
    const byWait = oldestSec !== null && oldestSec > target(d) ? waiting[0] + (target(d) + 1) * 1000 : null;
    const tidal = closedTidal.length > 0 && (byQueue !== null || byWait !== null);
    v['tidal.advice'] = tidal ? 1 : 0;
    if (tidal) alerts.push(`tidal.advice:${d}|warning|${iso(Math.min(...[byQueue, byWait].filter((x): x is number => x !== null)))}`);
    const surgeAt = usual[d] === undefined ? null : Math.max(set.surgeMinWaiting, Math.floor(set.surgeFactor * usual[d]) + 1);
    v['surge.risk'] = surgeAt !== null && waiting.length >= surgeAt ? 1 : 0;
    if (v['surge.risk']) alerts.push(`surge.risk:${d}|warning|${iso(waiting[surgeAt! - 1])}`);
    if (oldestSec !== null && oldestSec > target(d)) alerts.push(`wait.target:${d}|breach|${iso(waiting[0] + (target(d) + 1) * 1000)}`);
    else if (oldestSec !== null && oldestSec >= Math.ceil(target(d) * 0.8))
      alerts.push(`wait.target:${d}|warning|${iso(waiting[0] + Math.ceil(target(d) * 0.8) * 1000)}`);
    departments[d] = v;
  }
  // 无人值守: an open registry window nobody is signed in at, in opening hours, past the threshold;
  // judged once anyone has signed in today.
  const midnight = Date.parse(`${today}T00:00:00+08:00`);
  const clock = (hhmm: string) => midnight + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
  const weekday = new Date(midnight + 12 * 3600_000).getUTCDay();
  const todays = (type: string) => events.filter((e) => e.type === type && localDay(at(e)) === today);
  const lunch = set.lunchBreak && { from: clock(set.lunchBreak.from), to: clock(set.lunchBreak.to) };
  const inHours = set.hours.weekdays.includes(weekday) && nowMs >= clock(set.hours.opens) && nowMs < clock(set.hours.closes);
  const atLunch = lunch !== null && nowMs >= lunch.from && nowMs < lunch.to;
  if (inHours && !atLunch && todays('staff.signed_in').length > 0)
    for (const [code, w] of Object.entries(reg.windows)) {
      if (!w.isOpen || openWindows.has(code)) continue;
      const outs = todays('staff.signed_out')
        .filter((e) => e.data.window === code)
        .map(at);
      const since = Math.max(clock(set.hours.opens), lunch && nowMs >= lunch.to ? lunch.to : -Infinity, ...outs);
      if (nowMs - since > set.unattendedWindowSec * 1000) alerts.push(`window.unattended:${code}|breach|${iso(since)}`);
    }
  for (const p of present.filter(unregistered)) alerts.push(`staff.away:${p.staff}|breach|${iso(breachAt(p)!)}`);

  const all = Object.values(departments);
  const values = compute(null);
  values['queue.wait.predicted'] = maxOf(all.map((v) => v['queue.wait.predicted']));
  values['windows.imbalance'] = maxOf(all.map((v) => v['windows.imbalance']));
  values['tidal.advice'] = all.filter((v) => v['tidal.advice'] === 1).length;
  values['surge.risk'] = all.filter((v) => v['surge.risk'] === 1).length;
  return { values, departments, alerts: alerts.sort() };
}

/**
 * Today's patrol counts, judged from the round.* events by docs/contracts/patrol.md: a round is
 * due at its time, overdue 30 minutes later, missed at 60 unless completed before; completed in
 * time, it is done only when it started in its window, every checkpoint was confirmed with the
 * code posted at the check's time, every check lies within the walk and the window, and it took
 * the minimum; otherwise it is 存疑. The earliest start and completion count.
 */
export function referenceRounds(events: RawEvent[], nowMs: number, p: RefPatrol | undefined): Values {
  const out = { 'patrol.rounds.done': 0, 'patrol.rounds.due': 0, 'patrol.rounds.doubtful': 0 };
  if (!p) return out;
  const MIN = 60_000;
  for (const r of p.rounds) {
    const mine = events.filter((e) => e.type.startsWith('round.') && e.data.round === r.code);
    const first = (type: string) => {
      const times = mine.filter((e) => e.type === type).map(at);
      return times.length ? Math.min(...times) : null;
    };
    const started = first('round.started');
    const completed = first('round.completed');
    const overdue = r.due + 30 * MIN;
    const missed = r.due + 60 * MIN;
    let state: string;
    if (completed !== null && completed < missed) {
      const opens = r.due - p.leadMin * MIN;
      const checks = mine
        .filter((e) => e.type === 'round.check')
        .map((e) => ({ cp: s(e, 'checkpoint'), t: at(e), code: String(e.data.code ?? '').toUpperCase() }));
      const confirms = (c: (typeof checks)[number]) =>
        (p.codes[c.cp] ?? []).some((k) => k.code === c.code && (k.from === null || c.t >= k.from) && (k.to === null || c.t < k.to));
      const startedInWindow = started !== null && started >= opens && started < overdue;
      const everyConfirmed = p.checklist.every((cp) => checks.some((c) => c.cp === cp && confirms(c)));
      const lower = Math.max(started ?? -Infinity, opens);
      const upper = Math.min(completed, missed);
      const allWithin = checks.every((c) => c.t >= lower && c.t <= upper && c.t < missed);
      const longEnough = started !== null && Math.floor((completed - started) / 1000) >= p.minDurationSec;
      state = startedInWindow && everyConfirmed && allWithin && longEnough ? 'done' : 'doubtful';
    } else if (nowMs >= missed || completed !== null) state = 'missed';
    else if (started !== null) state = 'in_progress';
    else if (nowMs >= overdue) state = 'overdue';
    else if (nowMs >= r.due) state = 'due';
    else state = 'scheduled';
    if (state === 'done') out['patrol.rounds.done']++;
    if (state === 'doubtful') out['patrol.rounds.doubtful']++;
    if (state !== 'scheduled') out['patrol.rounds.due']++;
  }
  return out;
}
