import { EventResult, HallEvent, IngestResponse } from '@hallwatch/shared';
import { toBatches } from './flaky-network';

// A device's side of the ingest contract: post batches, and when the server cannot take
// them (network down, 503 while PostgreSQL is away) wait and post the same batch again.
// Resending is safe because event ids are idempotency keys.

/** The server does not accept the device key; retrying cannot help. */
export class DeviceKeyRefused extends Error {
  override readonly name = 'DeviceKeyRefused';
}

export interface IngestTotals {
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  requests: number;
  retries: number;
}

export interface IngestClientOptions {
  url: string;
  key: string;
  log: (line: string) => void;
  /** Once set, a batch that keeps failing is given up after a few tries instead of forever. */
  stopping: () => boolean;
  requestTimeoutMs?: number;
}

const MAX_WAIT_MS = 60_000;
const TRIES_WHEN_STOPPING = 3;
const REJECTIONS_SHOWN = 10;

export class IngestClient {
  readonly totals: IngestTotals = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, requests: 0, retries: 0 };
  readonly rejections: Array<Extract<EventResult, { status: 'rejected' }>> = [];
  /** Events given up on while stopping (the server was unreachable). */
  unsent = 0;
  private readonly endpoint: string;

  constructor(private readonly o: IngestClientOptions) {
    this.endpoint = `${o.url.replace(/\/+$/, '')}/api/v1/events`;
  }

  async send(events: readonly HallEvent[]): Promise<void> {
    for (const batch of toBatches(events)) await this.post(batch);
  }

  private async post(batch: HallEvent[]): Promise<void> {
    const body = JSON.stringify({ events: batch });
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(body, batch.length);
      if ('results' in outcome) return this.count(batch.length, outcome.results);
      if (this.o.stopping() && attempt >= TRIES_WHEN_STOPPING) {
        this.unsent += batch.length;
        this.o.log(`Gave up on ${batch.length} events while stopping: ${outcome.problem}`);
        return;
      }
      const waitMs = outcome.retryAfterMs ?? backoffMs(attempt);
      this.totals.retries++;
      this.o.log(`${outcome.problem}; sending the same ${batch.length} events again in ${(waitMs / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }

  private async attempt(
    body: string,
    size: number,
  ): Promise<{ results: EventResult[] } | { problem: string; retryAfterMs: number | null }> {
    this.totals.requests++;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.o.requestTimeoutMs ?? 30_000);
    try {
      const res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.key}` },
        body,
        signal: timeout.signal,
      });
      if (res.ok) return { results: ((await res.json()) as IngestResponse).results };
      const text = (await res.text()).slice(0, 300);
      if (res.status === 401)
        throw new DeviceKeyRefused(`The server refused the device key (401: ${text}). Check --key, or leave it out to create one.`);
      if (res.status < 500 && res.status !== 429)
        throw new Error(`The server refused a batch of ${size} events with ${res.status}: ${text}; nothing of it was stored`);
      return { problem: `the server answered ${res.status}`, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    } catch (err) {
      if (!isTransient(err)) throw err;
      return { problem: `cannot reach ${this.o.url} (${describe(err)})`, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }
  }

  private count(size: number, results: EventResult[]): void {
    this.totals.sent += size;
    for (const r of results) {
      if (r.status === 'accepted') this.totals.accepted++;
      else if (r.status === 'duplicate') this.totals.duplicate++;
      else {
        this.totals.rejected++;
        if (this.rejections.length < REJECTIONS_SHOWN) {
          this.rejections.push(r);
          this.o.log(`rejected ${r.id ?? '(no id)'}: ${r.field} ${r.reason}`);
        }
      }
    }
  }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(MAX_WAIT_MS, Math.max(0, ms)) : null;
}

const backoffMs = (attempt: number) => Math.min(MAX_WAIT_MS, 500 * 2 ** Math.min(attempt - 1, 7));

// fetch rejects with a TypeError for network failures and an AbortError on our timeout;
// anything else (a bug, a bad JSON answer) should surface rather than loop. Names, not
// instanceof: the errors may come from another realm (undici's, or a test sandbox's).
function isTransient(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError';
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as { message?: string }).message ?? String(err);
}
