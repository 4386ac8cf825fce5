import { HallEvent, MAX_EVENTS_PER_BATCH } from '@hallwatch/shared';
import { SeededRandom } from './seeded-random';

// Hall devices sit on Wi-Fi that drops and retries: the server must see repeats, events
// out of order and events minutes late, and still count each once (docs/contracts/device-events.md). This
// reproduces that, deterministically for a seed, without ever losing an event.

export interface FlakyNetworkOptions {
  seed?: number;
  /** Share of events sent twice (same id), in the same request or a later one. */
  duplicateRate?: number;
  /** Share of events swapped with a neighbour up to `reorderWindow` places later. */
  reorderRate?: number;
  reorderWindow?: number;
  /** Share of events held back and sent minutes after they happened. */
  delayRate?: number;
  delayMinSec?: number;
  delayMaxSec?: number;
}

export const RELIABLE_NETWORK: FlakyNetworkOptions = { duplicateRate: 0, reorderRate: 0, delayRate: 0 };

interface Held {
  event: HallEvent;
  releaseMs: number;
  n: number;
}

const MINUTE_MS = 60_000;

export class FlakyNetwork {
  private readonly rng: SeededRandom;
  private readonly o: Required<FlakyNetworkOptions>;
  private held: Held[] = [];
  private heldSeq = 0;

  constructor(opts: FlakyNetworkOptions = {}) {
    this.o = {
      seed: opts.seed ?? 1,
      duplicateRate: opts.duplicateRate ?? 0.03,
      reorderRate: opts.reorderRate ?? 0.05,
      reorderWindow: opts.reorderWindow ?? 10,
      delayRate: opts.delayRate ?? 0.01,
      delayMinSec: opts.delayMinSec ?? 60,
      delayMaxSec: opts.delayMaxSec ?? 600,
    };
    this.rng = new SeededRandom(this.o.seed ^ 0x5f3759df);
  }

  /** Events held back for later (delayed, or a repeat still to come). */
  get heldCount(): number {
    return this.held.length;
  }

  /**
   * Feeds the next events of the stream (in hall order) at stream time `nowMs` and
   * returns what goes on the wire now, in wire order.
   */
  transmit(events: readonly HallEvent[], nowMs: number): HallEvent[] {
    const r = this.rng;
    const out: HallEvent[] = [];
    for (const e of events) {
      if (r.chance(this.o.delayRate)) {
        this.hold(e, Date.parse(e.occurredAt) + r.uniform(this.o.delayMinSec, this.o.delayMaxSec) * 1000);
        continue;
      }
      out.push(e);
      if (r.chance(this.o.duplicateRate)) {
        // A lost acknowledgement: the device sends the event again, at once or on its next try.
        if (r.chance(0.5)) out.push(e);
        else this.hold(e, nowMs + r.uniform(5, 120) * 1000);
      }
    }
    out.push(...this.release(nowMs));
    for (let i = 0; i < out.length - 1; i++) {
      if (!r.chance(this.o.reorderRate)) continue;
      const j = Math.min(out.length - 1, i + r.int(1, this.o.reorderWindow));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /**
   * Feeds a stretch of the stream minute by minute of hall time, so that a delay is
   * measured against the stream (a backfill of two hours still sends some events late).
   */
  transmitStream(events: readonly HallEvent[], upToMs: number): HallEvent[] {
    const out: HallEvent[] = [];
    for (const m of byMinute(events)) out.push(...this.transmit(m.events, Math.min(m.endMs, upToMs)));
    out.push(...this.transmit([], upToMs));
    return out;
  }

  /** Everything still held back, at the end of a run: nothing is ever lost. */
  drain(): HallEvent[] {
    return this.release(Number.POSITIVE_INFINITY);
  }

  private hold(event: HallEvent, releaseMs: number): void {
    this.held.push({ event, releaseMs, n: this.heldSeq++ });
  }

  private release(nowMs: number): HallEvent[] {
    if (!this.held.length) return [];
    const due = this.held.filter((h) => h.releaseMs <= nowMs).sort((a, b) => a.releaseMs - b.releaseMs || a.n - b.n);
    if (due.length) this.held = this.held.filter((h) => h.releaseMs > nowMs);
    return due.map((h) => h.event);
  }
}

/** Splits events into request bodies of at most `size` (the contract's limit is 1,000). */
export function toBatches<T>(events: readonly T[], size = MAX_EVENTS_PER_BATCH): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  return batches;
}

/**
 * A whole ordered stream through a flaky network, as the request batches a device would
 * send: one send per minute of hall time (split at `batchSize`), then whatever was held.
 */
export function flakyBatches(events: readonly HallEvent[], opts: FlakyNetworkOptions & { batchSize?: number } = {}): HallEvent[][] {
  const net = new FlakyNetwork(opts);
  const batches: HallEvent[][] = [];
  for (const m of byMinute(events)) batches.push(...toBatches(net.transmit(m.events, m.endMs), opts.batchSize));
  batches.push(...toBatches(net.drain(), opts.batchSize));
  return batches.filter((b) => b.length > 0);
}

/** Consecutive runs of an ordered stream that fall in the same minute of hall time. */
function byMinute(events: readonly HallEvent[]): Array<{ events: HallEvent[]; endMs: number }> {
  const out: Array<{ events: HallEvent[]; endMs: number }> = [];
  for (const e of events) {
    const endMs = Math.floor(Date.parse(e.occurredAt) / MINUTE_MS) * MINUTE_MS + MINUTE_MS - 1;
    const last = out[out.length - 1];
    if (last && last.endMs === endMs) last.events.push(e);
    else out.push({ events: [e], endMs });
  }
  return out;
}
