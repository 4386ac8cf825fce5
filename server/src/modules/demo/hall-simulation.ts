import { AbsenceFiling, EventDataMap, EventType, HallEvent, LEAVE_KINDS } from '@hallwatch/shared';
import { DAY_SCHEDULE, DAY_SEC, HallSchedule, hallDayStartMs, hallIso, LIVE_SCHEDULE } from './hall-day-profile';
import { ActionQueue } from './action-queue';
import { Arrival, ArrivalStream } from './hall-arrivals';
import { buildFloor, Department, Desk, drawLeave, FloorLayout, Pending, Ticket } from './hall-floor';
import { reviewFor } from './hall-reviews';
import { complaintFor, LEAVE_REASONS_TEXT, OUTING_REASONS } from './hall-simulation-texts';
import { hashSeed, SeededRandom } from './seeded-random';
import { orderLimits, planPlatform, WEEKDAYS_ONLY, WorkingDayAfter, workOrderNumber } from './work-orders';

export interface HallSimulationOptions {
  /** Hall-local date, YYYY-MM-DD. */
  day: string;
  seed?: number;
  /** `day`: a normal office day; `live`: open all day long for a demo that may run at any hour. */
  mode?: 'day' | 'live';
  /** Tickets of a normal day before each department is capped at what its windows can serve. */
  ticketsPerDay?: number;
  /** Another site's floor (a town centre, a village station); the district hall's when absent. */
  layout?: FloorLayout;
  complaintsPerDay?: number;
  /**
   * false: desks only take breaks, never go out on business or to meetings. A station keeps no
   * outing register in the demo, so an outing there could only ever read as unregistered.
   */
  outings?: boolean;
  /** The working days the 12345 platform counts its limits in; Monday to Friday when absent. */
  workingDayAfter?: WorkingDayAfter;
}

const P_RECALL = 0.09;
const P_NO_SHOW_AFTER_RECALL = 0.55;
const P_REVIEW = 0.995;
const COMPLAINTS_PER_DAY = 4;
const BREAK_GAP_SEC = 200 * 60;
/** Outings filed before leaving; filed afterwards (补报); the rest never filed. Some filings are turned down. */
const P_OUTING_FILED_AHEAD = 0.72;
const P_OUTING_FILED_LATE = 0.12;
const P_FILING_REJECTED = 0.04;
/** A desk of a department with several is off on a day of approved leave now and then. */
const P_DAY_OF_LEAVE = 0.025;

/**
 * What the hall's clerks do in the outing and leave register (外出报备 / 请销假): one files, a
 * supervisor who did not file decides. `key` ties a decision to its filing.
 */
export type RegisterAction =
  | { key: string; at: string; act: 'file'; filing: AbsenceFiling }
  | { key: string; at: string; act: 'decide'; decision: 'approved' | 'rejected'; note?: string };
/** An act as the simulation records it; the hall's clock stamps it. */
type RegisterActionAt = RegisterAction extends infer A ? (A extends unknown ? Omit<A, 'at'> : never) : never;

/**
 * A deterministic discrete-event simulation of the demo hall's day. Time moves only
 * through `advanceTo`, which returns the events that happened up to then in hall order;
 * the same seed and day give the same events however the day is sliced.
 */
export class HallSimulation {
  readonly day: string;
  readonly startMs: number;
  /** The last instant of the hall day; nothing happens after it. */
  readonly endMs: number;
  private readonly schedule: HallSchedule;
  private readonly idPrefix: string;
  private readonly complaintsPerDay: number;
  private readonly outings: boolean;
  private readonly departments: Department[];
  private readonly byCode: Map<string, Department>;
  private readonly desks: Desk[];
  private readonly green: Ticket[] = [];
  private readonly rServe: SeededRandom;
  private readonly rStaff: SeededRandom;
  private readonly rReview: SeededRandom;
  private readonly rRegister: SeededRandom;
  private readonly rOrders: SeededRandom;
  private readonly workingDayAfter: WorkingDayAfter;
  private laterOrders: HallEvent[] = [];
  private readonly arrivals: ArrivalStream;
  private readonly agenda = new ActionQueue();
  private seq = 0;
  private orders = 0;
  private now = 0;
  private out: HallEvent[] = [];
  private registerOut: RegisterAction[] = [];
  private stampSec = -1;
  private stamp = '';

  constructor(opts: HallSimulationOptions) {
    this.day = opts.day;
    this.startMs = hallDayStartMs(opts.day);
    this.endMs = this.startMs + (DAY_SEC - 1) * 1000;
    this.schedule = opts.mode === 'live' ? LIVE_SCHEDULE : DAY_SCHEDULE;
    this.idPrefix = opts.mode === 'live' ? `${opts.day}-L` : `${opts.day}-`;
    const root = new SeededRandom(hashSeed(opts.seed ?? 1, `${this.schedule.mode}:${opts.day}`));
    const [rArrive, rServe, rStaff, rReview] = ['arrive', 'serve', 'staff', 'review'].map((l) => root.fork(l));
    [this.rServe, this.rStaff, this.rReview] = [rServe, rStaff, rReview];
    // Forked after the others, so that the register's draws change none of the hall's events.
    this.rRegister = root.fork('register');
    this.rOrders = root.fork('orders');
    this.workingDayAfter = opts.workingDayAfter ?? WEEKDAYS_ONLY;
    this.complaintsPerDay = opts.complaintsPerDay ?? COMPLAINTS_PER_DAY;
    this.outings = opts.outings ?? true;
    const floor = buildFloor(opts.ticketsPerDay ?? 4200, opts.layout);
    this.departments = floor.departments;
    this.desks = floor.desks;
    this.byCode = new Map(this.departments.map((d) => [d.info.code, d]));
    this.arrivals = new ArrivalStream(this.departments, this.schedule, rArrive);
    this.planDay();
  }

  /** Runs the hall up to `t` and returns the events that occurred since the last call, in hall order. */
  advanceTo(t: Date): HallEvent[] {
    const limit = Math.min(Math.floor((t.getTime() - this.startMs) / 1000), DAY_SEC - 1);
    for (let next = this.agenda.peekTime(); next !== null && next <= limit; next = this.agenda.peekTime()) {
      const a = this.agenda.pop()!;
      this.now = a.t;
      a.run();
    }
    const events = this.out;
    this.out = [];
    return events;
  }

  /** The register's acts up to where the hall has been run, in hall order; each once. */
  drainRegister(): RegisterAction[] {
    const acts = this.registerOut;
    this.registerOut = [];
    return acts;
  }

  /**
   * The platform's changes to the day's work orders that happen after the hall's day, each once,
   * for a sender that can hold them until their time (the history); dated, with ids of their own.
   */
  drainLaterOrderUpdates(): HallEvent[] {
    const events = this.laterOrders;
    this.laterOrders = [];
    return events;
  }

  /** When the next thing happens in the hall, or null once the day is over. */
  nextAt(): Date | null {
    const t = this.agenda.peekTime();
    return t === null ? null : new Date(this.startMs + t * 1000);
  }

  private planDay(): void {
    const s = this.schedule;
    this.planLeave();
    for (const d of this.desks) {
      const late = s.mode === 'day' && this.rStaff.chance(0.03);
      this.at(s.signInSec + (late ? this.rStaff.int(900, 1800) : this.rStaff.int(0, 660)), () => this.signIn(d));
      let t = s.openSec + 1800 + this.rStaff.exponential(BREAK_GAP_SEC);
      for (; t < s.issueUntilSec - 2700; t += this.rStaff.exponential(BREAK_GAP_SEC)) this.at(Math.round(t), () => this.requestLeave(d));
    }
    this.at(s.lunch[0], () => this.startLunch());
    this.at(s.lunch[1], () => this.endLunch());
    this.at(s.closeSec, () => this.close());
    this.scheduleArrival();
    if (this.complaintsPerDay > 0)
      this.at(s.openSec + 1200 + Math.round(this.rReview.exponential(this.complaintGap())), () => this.complaint());
  }

  private emit<T extends EventType>(type: T, data: EventDataMap[T]): void {
    const id = `${this.idPrefix}${String(++this.seq).padStart(6, '0')}`;
    if (this.stampSec !== this.now) {
      this.stampSec = this.now;
      this.stamp = hallIso(this.startMs + this.now * 1000);
    }
    const event: HallEvent<T> = { id, type, occurredAt: this.stamp, data };
    this.out.push(event);
  }

  private scheduleArrival(): void {
    const t = this.arrivals.nextCandidate();
    if (t !== null) this.at(t, () => this.arrival());
  }

  private arrival(): void {
    const a = this.arrivals.draw(this.now);
    if (a) this.issue(a);
    this.scheduleArrival();
  }

  private issue({ dept, channel, serviceItem }: Arrival): void {
    // The ticket machine does not offer a department that has paused (lunch, closing).
    if (!dept.desks.some((d) => !d.lunching && d.pending?.kind !== 'signOut')) return;
    const code = dept.prefix + String(++dept.issued).padStart(3, '0');
    this.emit('ticket.issued', { ticket: code, department: dept.info.code, ...(serviceItem ? { serviceItem } : {}), channel });
    const ticket: Ticket = { code, dept: dept.info.code, channel, waitFromSec: this.now, calledSec: -1 };
    if (channel === 'green_channel') this.green.push(ticket);
    else (channel === 'appointment' ? dept.priority : dept.normal).push(ticket);
    this.wake(ticket);
  }

  private wake(ticket: Ticket): void {
    const idle = this.desks.filter(
      (d) => d.state === 'idle' && (d.dept === ticket.dept || (d.green && (ticket.channel === 'green_channel' || ticket.dept === 'zhck'))),
    );
    if (idle.length) this.dispatch(this.rStaff.pick(idle));
  }

  private nextTicket(d: Desk): Ticket | undefined {
    if (d.green) return this.green.shift() ?? this.popQueue(this.byCode.get('zhck')!);
    const g = this.green.findIndex((t) => t.dept === d.dept);
    if (g >= 0) return this.green.splice(g, 1)[0];
    return this.popQueue(this.byCode.get(d.dept)!);
  }

  private popQueue(dept: Department): Ticket | undefined {
    return dept.priority.shift() ?? dept.normal.shift();
  }

  private waitingFor(d: Desk): number {
    const dept = this.byCode.get(d.green ? 'zhck' : d.dept)!;
    const green = d.green ? this.green.length : this.green.filter((t) => t.dept === d.dept).length;
    return dept.priority.length + dept.normal.length + green;
  }

  private dispatch(d: Desk): void {
    if (d.state !== 'idle') return;
    const p = d.pending;
    if (p?.kind === 'leave') return this.leave(d, p);
    if (p?.kind === 'signOut' && this.maySignOut(d, p.why)) return this.signOut(d, p.why);
    const ticket = this.nextTicket(d);
    if (ticket) this.call(d, ticket);
  }

  private call(d: Desk, ticket: Ticket): void {
    const r = this.rServe;
    d.state = 'busy';
    ticket.calledSec = this.now;
    this.emit('ticket.called', { ticket: ticket.code, window: d.window });
    if (!r.chance(P_RECALL)) return this.at(this.now + r.int(15, 75), () => this.start(d, ticket));
    this.at(this.now + r.int(60, 120), () => {
      this.emit('ticket.called', { ticket: ticket.code, window: d.window });
      if (!r.chance(P_NO_SHOW_AFTER_RECALL)) return this.at(this.now + r.int(20, 60), () => this.start(d, ticket));
      this.at(this.now + r.int(60, 100), () => {
        this.emit('ticket.no_show', { ticket: ticket.code, window: d.window });
        this.free(d);
      });
    });
  }

  private start(d: Desk, ticket: Ticket): void {
    const r = this.rServe;
    const dept = this.byCode.get(ticket.dept)!;
    this.emit('ticket.started', { ticket: ticket.code, window: d.window, staff: d.staff });
    // Citizens at the wrong counter are sent on, mostly from the general windows (综合窗口).
    const pTransfer = ticket.dept === 'zhck' ? 0.06 : 0.012;
    if (this.now < this.schedule.issueUntilSec && r.chance(pTransfer))
      return this.at(this.now + r.int(60, 240), () => this.transfer(d, ticket));
    const outcome = r.chance(0.9) ? 'done' : r.chance(0.7) ? 'need_materials' : 'rejected';
    const mean = dept.info.serviceMin * 60 * (outcome === 'done' ? 1 : 0.55);
    const duration = Math.round(Math.min(4 * mean, Math.max(90, r.lognormal(mean, 0.45))));
    this.at(this.now + duration, () => {
      this.emit('ticket.completed', { ticket: ticket.code, window: d.window, staff: d.staff, outcome });
      if (this.rReview.chance(P_REVIEW)) {
        const review = reviewFor(this.rReview, ticket, d, outcome, dept.info.grumble);
        this.at(this.now + review.delaySec, () => this.emit('review.submitted', review.data));
      }
      this.free(d);
    });
  }

  private transfer(d: Desk, ticket: Ticket): void {
    // Sent on to a specialist department; at a small station with none other, to the general windows.
    const specialists = this.departments.filter((x) => x.info.code !== ticket.dept && x.info.code !== 'zhck');
    const others = specialists.length ? specialists : this.departments.filter((x) => x.info.code !== ticket.dept);
    const target = others[this.rServe.weighted(others.map((x) => x.info.weight))];
    this.emit('ticket.transferred', { ticket: ticket.code, fromWindow: d.window, toDepartment: target.info.code });
    // A transferred citizen has queued once already and goes ahead of walk-ins.
    const moved: Ticket = { ...ticket, dept: target.info.code, waitFromSec: this.now, calledSec: -1 };
    target.priority.push(moved);
    this.free(d);
    this.wake(moved);
  }

  /** Wrap-up after a citizen leaves the counter, then the next call. */
  private free(d: Desk): void {
    this.at(this.now + this.rServe.int(5, 30), () => {
      d.state = 'idle';
      this.dispatch(d);
    });
  }

  /**
   * A few desks of departments with several windows are on approved leave for the day: filed and
   * approved before opening, they never sign in, and the roll call shows them 请假, not missing.
   */
  private planLeave(): void {
    const s = this.schedule;
    for (const dept of this.departments) {
      if (dept.desks.length < 3) continue;
      for (const d of dept.desks) {
        if (d.green || !this.rRegister.chance(P_DAY_OF_LEAVE)) continue;
        d.onLeave = true;
        const kind = this.rRegister.pick(LEAVE_KINDS);
        const key = `${d.staff}@leave`;
        const filedAt = Math.max(0, s.signInSec - 3600);
        this.at(filedAt, () =>
          this.register({
            key,
            act: 'file',
            filing: {
              staff: d.staff,
              kind,
              from: this.iso(s.signInSec),
              to: this.iso(s.closeSec + 3600),
              reason: LEAVE_REASONS_TEXT[kind],
            },
          }),
        );
        this.at(filedAt + this.rRegister.int(300, 1200), () => this.register({ key, act: 'decide', decision: 'approved' }));
      }
    }
  }

  private register(a: RegisterActionAt): void {
    this.registerOut.push({ ...a, at: this.iso(this.now) } as RegisterAction);
  }

  private iso(sec: number): string {
    return hallIso(this.startMs + sec * 1000);
  }

  /** Files an outing from now to well past its planned return, and has it decided `afterSec` later. */
  private fileOuting(d: Desk, reason: 'official_business' | 'meeting', fromSec: number, toSec: number, afterSec: number): void {
    const key = `${d.staff}@${this.now}`;
    const filing: AbsenceFiling = {
      staff: d.staff,
      kind: reason,
      from: this.iso(fromSec),
      to: this.iso(Math.min(toSec, DAY_SEC - 1)),
      reason: this.rRegister.pick(OUTING_REASONS[reason]),
    };
    this.register({ key, act: 'file', filing });
    const rejected = this.rRegister.chance(P_FILING_REJECTED);
    this.at(this.now + afterSec, () =>
      this.register(
        rejected
          ? { key, act: 'decide', decision: 'rejected', note: '未说明公务去向，请补充后重新报备' }
          : { key, act: 'decide', decision: 'approved' },
      ),
    );
  }

  private signIn(d: Desk): void {
    if (d.onLeave) return;
    d.state = 'idle';
    d.lunching = false;
    this.emit('staff.signed_in', { staff: d.staff, window: d.window });
    this.dispatch(d);
  }

  private signOut(d: Desk, why: 'lunch' | 'close'): void {
    d.state = 'off';
    d.pending = null;
    d.lunching = why === 'lunch';
    this.emit('staff.signed_out', { staff: d.staff, window: d.window });
  }

  private maySignOut(d: Desk, why: 'lunch' | 'close'): boolean {
    if (this.waitingFor(d) === 0) return true;
    // At lunch the last desk of a department serves its queue out first.
    if (why === 'lunch') return this.desks.some((o) => o !== d && o.dept === d.dept && o.state !== 'off' && o.pending?.kind !== 'signOut');
    return false;
  }

  private requestLeave(d: Desk): void {
    const [l0, l1] = this.schedule.lunch;
    if (d.state === 'off' || d.state === 'away' || d.pending || (d.lunchRota && this.now >= l0 - 1800 && this.now < l1)) return;
    d.pending = drawLeave(this.rStaff);
    if (!this.outings && (d.pending.reason === 'official_business' || d.pending.reason === 'meeting'))
      d.pending = { kind: 'leave', reason: 'break', durationSec: this.rStaff.int(300, 900) };
    d.filed = false;
    const reason = d.pending.reason;
    // Most outings are filed before the desk goes, and approved on the spot by another supervisor.
    if ((reason === 'official_business' || reason === 'meeting') && this.rRegister.chance(P_OUTING_FILED_AHEAD)) {
      d.filed = true;
      this.fileOuting(d, reason, this.now, this.now + d.pending.durationSec + 3600, 0);
    }
    this.dispatch(d);
  }

  private leave(d: Desk, p: Extract<Pending, { kind: 'leave' }>): void {
    d.pending = null;
    d.state = 'away';
    this.emit('staff.left_post', { staff: d.staff, window: d.window, reason: p.reason });
    const outing = p.reason === 'official_business' || p.reason === 'meeting' ? p.reason : null;
    // Some are filed afterwards (补报), which settles the absence once approved; the rest never are.
    if (outing && !d.filed && this.rRegister.chance(P_OUTING_FILED_LATE / (1 - P_OUTING_FILED_AHEAD))) {
      const left = this.now;
      this.at(left + this.rRegister.int(600, 2400), () =>
        this.fileOuting(d, outing, left, left + p.durationSec + 1800, this.rRegister.int(300, 1500)),
      );
    }
    d.filed = false;
    this.at(this.now + p.durationSec, () => {
      d.state = 'idle';
      this.emit('staff.returned', { staff: d.staff, window: d.window });
      this.dispatch(d);
    });
  }

  private startLunch(): void {
    for (const d of this.desks) if (d.lunchRota && d.state !== 'off') d.pending = { kind: 'signOut', why: 'lunch' };
    this.sweep(this.schedule.lunch[1]);
  }

  private endLunch(): void {
    for (const d of this.desks) {
      if (d.pending?.kind === 'signOut') d.pending = null;
      if (d.lunching) this.at(this.now + this.rStaff.int(0, 300), () => this.signIn(d));
    }
  }

  private close(): void {
    for (const d of this.desks) if (d.state !== 'off') d.pending = { kind: 'signOut', why: 'close' };
    this.sweep(DAY_SEC);
  }

  // An idle desk waiting to sign out notices when the queue it was minding has emptied.
  private sweep(until: number): void {
    for (const d of this.desks) if (d.state === 'idle' && d.pending) this.dispatch(d);
    const pending = this.desks.some((d) => d.pending?.kind === 'signOut');
    if (pending && this.now + 60 < until) this.at(this.now + 60, () => this.sweep(until));
  }

  private complaintGap(): number {
    return (DAY_SCHEDULE.issueUntilSec - DAY_SCHEDULE.openSec) / this.complaintsPerDay;
  }

  private complaint(): void {
    const data = complaintFor(this.rReview, this.departments);
    // The hotline's complaints come as the platform's work orders, with its limits and, later, its own word on some.
    const updates = data.source === 'hotline_12345' ? this.workOrder(data) : [];
    this.emit('complaint.received', data);
    for (const u of updates) {
      const sec = Math.round((u.atMs - this.startMs) / 1000);
      if (sec < DAY_SEC) this.at(sec, () => this.emit('complaint.platform_updated', u.data));
      else
        this.laterOrders.push({
          id: `${this.idPrefix}W${u.data.workOrder.slice(-4)}`,
          type: 'complaint.platform_updated',
          occurredAt: hallIso(u.atMs),
          data: u.data,
        });
    }
    const next = this.now + Math.round(this.rReview.exponential(this.complaintGap()));
    if (next < this.schedule.issueUntilSec) this.at(next, () => this.complaint());
  }

  private workOrder(data: EventDataMap['complaint.received']) {
    const at = this.startMs + this.now * 1000;
    const number = workOrderNumber(this.day, ++this.orders, this.schedule.mode === 'live');
    const limits = orderLimits(this.day, at, this.workingDayAfter);
    Object.assign(data, { workOrder: number }, limits);
    return planPlatform(this.rOrders, number, this.day, at, limits, this.workingDayAfter);
  }

  /** Schedules an action; nothing spills past the hall day, whose events must keep its service day. */
  private at(t: number, run: () => void): void {
    this.agenda.push(Math.min(Math.max(t, this.now), DAY_SEC - 1), run);
  }
}

/** A whole day of the demo hall at once. */
export function simulateDay(opts: HallSimulationOptions): HallEvent[] {
  const sim = new HallSimulation(opts);
  return sim.advanceTo(new Date(sim.endMs));
}
