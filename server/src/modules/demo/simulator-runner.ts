import { HallEvent } from '@hallwatch/shared';
import { FlakyNetwork, FlakyNetworkOptions, RELIABLE_NETWORK } from './flaky-network';
import { hallClock, hallDayOf, hallIso, nextHallDay } from './hall-day-profile';
import { HallSimulation, RegisterAction } from './hall-simulation';
import { IngestClient, IngestTotals } from './ingest-client';
import { RegisterClerks, RegisterClient, RegisterTotals } from './register-client';

export type SimulatorMode =
  /** The hall's clock is the real clock; the past since `from` is sent first, late, as devices coming back online would. */
  | { kind: 'live'; from: Date }
  /** A whole past day at `speed`× real time (0: as fast as the server takes it), up to `until`. */
  | { kind: 'replay'; day: string; speed: number; until?: Date };

export interface SimulatorRunOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  key: string;
  mode: SimulatorMode;
  seed?: number;
  /** Stop after this many seconds of real time (what is held back is still sent). */
  durationSec?: number;
  /** Flakiness of the network; false for a perfect one. */
  network?: FlakyNetworkOptions | false;
  /**
   * The clerks who keep the hall's outing and leave register: with them the run files most
   * outings and a few days of leave through the register's API; without, it files nothing.
   */
  register?: { site: string; clerks: RegisterClerks };
  /** Aborting stops the hall; what was generated is still sent before the run returns. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  progressEverySec?: number;
}

export interface SimulatorSummary extends IngestTotals {
  /** Where the hall's clock stopped. */
  hallTime: string;
  /** What the register's clerks did; null when the run had none. */
  register: RegisterTotals | null;
  /** Events given up on because the server was unreachable while stopping. */
  unsent: number;
}

const REPLAY_STEP_MS = 15 * 60_000;

/** Plays the demo hall against a Hallwatch server through its public ingest API only. */
export async function runSimulator(opts: SimulatorRunOptions): Promise<SimulatorSummary> {
  const run = new Run(opts);
  if (opts.mode.kind === 'live') await run.live(opts.mode.from);
  else await run.replay(opts.mode.day, opts.mode.speed, opts.mode.until);
  await run.finish();
  return run.summary();
}

class Run {
  private readonly log: (line: string) => void;
  private readonly client: IngestClient;
  private readonly net: FlakyNetwork;
  private readonly register: RegisterClient | null;
  private readonly startedAt = Date.now();
  private hallMs = 0;
  private lastLine = { at: Date.now(), sent: 0 };

  constructor(private readonly o: SimulatorRunOptions) {
    this.log = o.log ?? ((line) => console.log(line));
    // Only an abort cuts retries short; a run that reaches its duration still delivers everything.
    this.client = new IngestClient({ url: o.url, key: o.key, log: this.log, stopping: () => o.signal?.aborted === true });
    this.net = new FlakyNetwork(o.network === false ? RELIABLE_NETWORK : { ...o.network, seed: o.network?.seed ?? o.seed });
    this.register = o.register ? new RegisterClient({ url: o.url, site: o.register.site, clerks: o.register.clerks, log: this.log }) : null;
  }

  async live(fromDate: Date): Promise<void> {
    const now = Date.now();
    const from = Math.min(fromDate.getTime(), now);
    // Every hall day from the backfill start to today, each only up to now.
    let day = hallDayOf(from);
    let sim = new HallSimulation({ day, seed: this.o.seed, mode: 'live' });
    for (;;) {
      const upTo = Math.min(now, sim.endMs);
      this.hallMs = upTo;
      const events = sim.advanceTo(new Date(upTo));
      // Only the entries of the part of the day that is sent: one long over would explain nothing the wall sees.
      await this.file(sim, (a) => a.act !== 'file' || Date.parse(a.filing.to) >= from);
      await this.deliver(eventsFrom(events, from), upTo);
      if (day === hallDayOf(now)) break;
      day = nextHallDay(day);
      sim = new HallSimulation({ day, seed: this.o.seed, mode: 'live' });
    }
    this.log(`Backfilled the hall since ${hallIso(from)}; now following the clock.`);
    while (!this.stopped()) {
      await pause(1000 - (Date.now() % 1000), this.o.signal);
      const t = Date.now();
      if (hallDayOf(t) !== sim.day) {
        // The service day turns at midnight: finish yesterday, open today.
        const last = sim.advanceTo(new Date(sim.endMs));
        await this.file(sim);
        await this.deliver(last, sim.endMs);
        sim = new HallSimulation({ day: hallDayOf(t), seed: this.o.seed, mode: 'live' });
      }
      this.hallMs = t;
      const events = sim.advanceTo(new Date(t));
      await this.file(sim);
      await this.deliver(events, t);
    }
  }

  async replay(day: string, speed: number, until?: Date): Promise<void> {
    const sim = new HallSimulation({ day, seed: this.o.seed, mode: 'day' });
    if (sim.startMs > Date.now()) throw new Error(`${day} has not begun yet; replay a past day, or run live`);
    const endMs = Math.min(until?.getTime() ?? sim.endMs, sim.endMs);
    const first = sim.nextAt()?.getTime() ?? endMs;
    const realStart = Date.now();
    let hall = first - 1;
    while (!this.stopped() && hall < endMs && sim.nextAt() !== null) {
      if (speed > 0) {
        await pause(250, this.o.signal);
        hall = first + (Date.now() - realStart) * speed;
      } else {
        if (hall >= Date.now() - 1000) await pause(1000, this.o.signal);
        hall += REPLAY_STEP_MS;
      }
      // Today's replay catches up with the clock and then follows it: never a future event.
      hall = Math.min(hall, endMs, Date.now());
      this.hallMs = hall;
      const events = sim.advanceTo(new Date(hall));
      await this.file(sim);
      await this.deliver(events, hall);
    }
  }

  async finish(): Promise<void> {
    const held = this.net.drain();
    if (held.length) await this.client.send(held);
    this.progress(true);
  }

  summary(): SimulatorSummary {
    return {
      ...this.client.totals,
      hallTime: hallIso(this.hallMs),
      unsent: this.client.unsent,
      register: this.register ? { ...this.register.totals } : null,
    };
  }

  /**
   * The register's acts of the slice, before its events: an outing filed and approved before the
   * desk left is on the register when the departure arrives, as it was in the hall.
   */
  private async file(sim: HallSimulation, keep: (a: RegisterAction) => boolean = () => true): Promise<void> {
    const acts = sim.drainRegister().filter(keep);
    if (this.register && acts.length) await this.register.perform(acts);
  }

  private async deliver(events: HallEvent[], upToMs: number): Promise<void> {
    await this.client.send(this.net.transmitStream(events, upToMs));
    this.progress(false);
  }

  private stopped(): boolean {
    if (this.o.signal?.aborted) return true;
    return this.o.durationSec !== undefined && Date.now() - this.startedAt >= this.o.durationSec * 1000;
  }

  private progress(final: boolean): void {
    const now = Date.now();
    const every = (this.o.progressEverySec ?? 5) * 1000;
    if (!final && now - this.lastLine.at < every) return;
    const t = this.client.totals;
    const r = this.register?.totals;
    const rate = ((t.sent - this.lastLine.sent) * 1000) / Math.max(1, now - this.lastLine.at);
    this.lastLine = { at: now, sent: t.sent };
    const when = this.hallMs ? `${hallDayOf(this.hallMs)} ${hallClock(this.hallMs)}` : '--';
    this.log(
      `${final ? 'done ' : ''}hall ${when}  sent ${t.sent}  accepted ${t.accepted}  duplicate ${t.duplicate}  rejected ${t.rejected}  ` +
        `${rate.toFixed(0)} ev/s${this.net.heldCount ? `  held back ${this.net.heldCount}` : ''}${t.retries ? `  retries ${t.retries}` : ''}` +
        (r ? `  register: filed ${r.filed}, approved ${r.approved}, rejected ${r.rejected}${r.failed ? `, failed ${r.failed}` : ''}` : ''),
    );
  }
}

/**
 * What to send when joining a hall day at `fromMs`: everything from then on, plus what
 * the server needs to make sense of it: the whole past of every ticket still open then
 * or mentioned later (a late review), and each staff member's last sign-in and, if they
 * were away or gone, the event that took them away.
 */
export function eventsFrom(events: readonly HallEvent[], fromMs: number): HallEvent[] {
  let cut = events.findIndex((e) => Date.parse(e.occurredAt) >= fromMs);
  if (cut < 0) cut = events.length;
  const wanted = new Set<string>();
  for (let i = cut; i < events.length; i++) {
    const ticket = (events[i].data as { ticket?: string }).ticket;
    if (ticket) wanted.add(ticket);
  }
  const byTicket = new Map<string, number[]>();
  const closed = new Set<string>();
  const lastSignIn = new Map<string, number>();
  const lastLeave = new Map<string, number>();
  for (let i = 0; i < cut; i++) {
    const e = events[i];
    if (e.type.startsWith('ticket.')) {
      const ticket = (e.data as { ticket: string }).ticket;
      const seen = byTicket.get(ticket);
      if (seen) seen.push(i);
      else byTicket.set(ticket, [i]);
      if (e.type === 'ticket.completed' || e.type === 'ticket.no_show') closed.add(ticket);
      else closed.delete(ticket);
    } else if (e.type.startsWith('staff.')) {
      const staff = (e.data as { staff: string }).staff;
      if (e.type === 'staff.signed_in') lastSignIn.set(staff, i);
      if (e.type === 'staff.left_post' || e.type === 'staff.signed_out') lastLeave.set(staff, i);
      else lastLeave.delete(staff);
    }
  }
  const keep = new Set<number>([...lastSignIn.values(), ...lastLeave.values()]);
  for (const [ticket, idx] of byTicket) if (wanted.has(ticket) || !closed.has(ticket)) idx.forEach((i) => keep.add(i));
  return [...[...keep].sort((a, b) => a - b).map((i) => events[i]), ...events.slice(cut)];
}

/** Waits, or less when the run is aborted. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
