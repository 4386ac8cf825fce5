import { SITE_TIERS } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from '../../core/metrics/metrics-registry';
import { LiveGateway } from './live.gateway';
import { ReadGate } from './read-gate';

type PushKind = 'snapshot' | 'update' | 'alert';

/**
 * The live path for Prometheus: clients connected here by what they watch and the tier of its
 * site, pushes by kind, how long a snapshot read takes and how many wait at the read gate, and
 * how far a push comes behind the change that caused it (docs/operations.md).
 */
@Injectable()
export class LiveMetrics {
  private readonly pushes: Counter<'kind'>;
  private readonly reads: Histogram;
  private readonly lag: Histogram;
  /** The tier of a watched site by code, from the publisher's record of the sites it pushes. */
  private tierOf: (code: string) => string | undefined = () => undefined;

  constructor(metrics: MetricsRegistry, gateway: LiveGateway, gate: ReadGate) {
    const registers = [metrics.registry];
    const tierOf = (code: string) => this.tierOf(code);
    new Gauge({
      name: `${METRIC_PREFIX}live_clients`,
      help: 'Live socket clients connected to this process: walls by the tier of their site, district overviews',
      labelNames: ['watch', 'tier'],
      registers,
      collect() {
        this.reset();
        for (const tier of SITE_TIERS) this.set({ watch: 'wall', tier }, 0);
        this.set({ watch: 'district', tier: 'hall' }, 0);
        for (const [room, sockets] of gateway.namespace?.adapter.rooms ?? []) {
          if (room.startsWith('site:')) this.inc({ watch: 'wall', tier: tierOf(room.slice('site:'.length)) ?? 'unknown' }, sockets.size);
          else if (room.startsWith('district:')) this.inc({ watch: 'district', tier: 'hall' }, sockets.size);
        }
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}live_read_queue`,
      help: 'Snapshot reads waiting at the read gate (LIVE_READ_CONCURRENCY), by cause: change or clock',
      labelNames: ['cause'],
      registers,
      collect() {
        const q = gate.queued();
        this.set({ cause: 'change' }, q.change);
        this.set({ cause: 'clock' }, q.clock);
      },
    });
    this.pushes = new Counter({
      name: `${METRIC_PREFIX}live_pushes_total`,
      help: 'Messages pushed to the rooms of watched sites: whole snapshots, updates (what changed), alert raises and clears',
      labelNames: ['kind'],
      registers,
    });
    this.reads = new Histogram({
      name: `${METRIC_PREFIX}live_read_seconds`,
      help: "A watched site's snapshot read from the database for a push, gate wait excluded",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.lag = new Histogram({
      name: `${METRIC_PREFIX}live_push_lag_seconds`,
      help: 'From a committed batch (or another change) to the push that carries it to the walls',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers,
    });
  }

  useTiers(tierOf: (code: string) => string | undefined): void {
    this.tierOf = tierOf;
  }

  pushed(kind: PushKind): void {
    this.pushes.inc({ kind });
  }

  read(seconds: number): void {
    this.reads.observe(seconds);
  }

  behind(seconds: number): void {
    this.lag.observe(seconds);
  }
}
