/** Why a snapshot is read: something changed at the site (or a wall waits for its first), or only the clock moved. */
export type ReadCause = 'change' | 'clock';

/**
 * Lets at most `limit` live snapshot reads hold database connections at once; the rest wait in
 * line, those a change asked for ahead of those the clock asked for. A thousand walls connecting
 * together, or their rechecks falling due together, would otherwise take the whole pool from
 * ingest and put a batch's push behind a thousand time-only reads.
 */
export class ReadGate {
  private running = 0;
  private readonly waiting: Record<ReadCause, Array<() => void>> = { change: [], clock: [] };

  constructor(private readonly limit: number) {}

  async run<T>(cause: ReadCause, read: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    // The slot is handed over by the read that frees it: `running` counts it all along.
    else await new Promise<void>((resolve) => this.waiting[cause].push(resolve));
    try {
      return await read();
    } finally {
      const next = this.waiting.change.shift() ?? this.waiting.clock.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Reads waiting for a slot, by cause. */
  queued(): Record<ReadCause, number> {
    return { change: this.waiting.change.length, clock: this.waiting.clock.length };
  }
}
