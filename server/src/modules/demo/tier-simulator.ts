import { HallEvent } from '@hallwatch/shared';
import { hallDayOf } from './hall-day-profile';
import { HallSimulation } from './hall-simulation';
import { IngestClient, IngestTotals } from './ingest-client';
import { eventsFrom, pause } from './simulator-runner';
import { hashSeed } from './seeded-random';
import { dayFactor, TierLayout, tierLayout } from './tier-layout';

export interface TierSite {
  code: string;
  tier: 'town' | 'village';
  /** The station's own device key: each site posts as itself. */
  key: string;
}

export interface TierRunOptions {
  url: string;
  sites: TierSite[];
  /** The hall time the first sends begin at (the day's past before it is sent as a device coming online would). */
  from: Date;
  seed?: number;
  /** How often the stations post what happened since their last post. */
  tickMs?: number;
  durationSec?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

// Small sites post every few seconds, not every second: a few dozen requests a minute for the
// whole district instead of a hundred a second, which the 2-core demo machine feels.
const DEFAULT_TICK_MS = 5000;
const PARALLEL_POSTS = 4;

/** Plays every town centre and village station live, each through the public ingest API with its own key. */
export async function runTierSimulators(o: TierRunOptions): Promise<IngestTotals> {
  const log = o.log ?? ((line: string) => console.log(line));
  const stations = o.sites.map((s) => new Station(s, o, log));
  const started = Date.now();
  const stopped = () => o.signal?.aborted === true || (o.durationSec !== undefined && Date.now() - started >= o.durationSec * 1000);
  let first = true;
  let said = Date.now();
  while (!stopped() || first) {
    const now = Date.now();
    await inParallel(stations, (s) => s.advance(now, first ? o.from.getTime() : null));
    if (first) log(`${stations.length} town centres and village stations are live (their day since ${o.from.toISOString()} sent)`);
    first = false;
    if (Date.now() - said >= 60_000) {
      said = Date.now();
      const t = totalsOf(stations);
      log(`town centres and village stations: sent ${t.sent}  accepted ${t.accepted}  rejected ${t.rejected}  in ${t.requests} requests`);
    }
    await pause(o.tickMs ?? DEFAULT_TICK_MS, o.signal);
  }
  return totalsOf(stations);
}

class Station {
  private readonly layout: TierLayout;
  private readonly client: IngestClient;
  private readonly seed: number;
  private sim: HallSimulation | null = null;

  constructor(
    private readonly site: TierSite,
    o: TierRunOptions,
    log: (line: string) => void,
  ) {
    this.layout = tierLayout(site.code, site.tier);
    this.seed = hashSeed(o.seed ?? 1, site.code);
    this.client = new IngestClient({
      url: o.url,
      key: site.key,
      log: (l) => log(`${site.code}: ${l}`),
      stopping: () => o.signal?.aborted === true,
    });
  }

  get totals(): IngestTotals {
    return this.client.totals;
  }

  /** Runs the station up to `now` and posts what happened; `from` on the first call sends the day's past since then. */
  async advance(now: number, from: number | null): Promise<void> {
    const out: HallEvent[] = [];
    let sim = this.sim ?? this.open(hallDayOf(from ?? now));
    // Yesterday finishes before today opens: the service day turns at midnight.
    while (sim.day !== hallDayOf(now)) {
      out.push(...this.since(sim, sim.advanceTo(new Date(sim.endMs)), from));
      sim = this.open(hallDayOf(sim.endMs + 1000));
    }
    out.push(...this.since(sim, sim.advanceTo(new Date(now)), from));
    this.sim = sim;
    if (out.length) await this.client.send(out);
  }

  private since(sim: HallSimulation, events: HallEvent[], from: number | null): HallEvent[] {
    // The register's acts are the district hall's: the stations keep none in the demo.
    sim.drainRegister();
    return from === null ? events : eventsFrom(events, from);
  }

  private open(day: string): HallSimulation {
    const sim = new HallSimulation({
      day,
      seed: this.seed,
      mode: 'live',
      layout: this.layout,
      ticketsPerDay: Math.round(this.layout.ticketsPerDay * dayFactor(this.site.code, day)),
      complaintsPerDay: this.layout.complaintsPerDay,
      outings: false,
    });
    this.sim = sim;
    return sim;
  }
}

function totalsOf(stations: Station[]): IngestTotals {
  const t: IngestTotals = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, requests: 0, retries: 0 };
  for (const s of stations) for (const k of Object.keys(t) as Array<keyof IngestTotals>) t[k] += s.totals[k];
  return t;
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_POSTS, items.length) }, worker));
}
