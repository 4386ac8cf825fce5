import { EVENT_TYPES, EventResult } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { METRIC_PREFIX, MetricsRegistry } from '../../core/metrics/metrics-registry';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/** A rejected item's type as sent is anyone's string: only the contract's types become labels. */
const typeLabel = (item: unknown): string => {
  const type = typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : undefined;
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'invalid';
};

/** What ingest tells Prometheus about each batch it answered (docs/operations.md). */
@Injectable()
export class IngestMetrics {
  private readonly events: Counter<'type' | 'result'>;
  private readonly batchSize: Histogram;
  private readonly duration: Histogram;

  constructor(metrics: MetricsRegistry) {
    this.events = new Counter({
      name: `${METRIC_PREFIX}ingest_events_total`,
      help: 'Events answered by ingest, by event type ("invalid" when not one of the contract\'s) and result (accepted, duplicate, rejected)',
      labelNames: ['type', 'result'],
      registers: [metrics.registry],
    });
    this.batchSize = new Histogram({
      name: `${METRIC_PREFIX}ingest_batch_size`,
      help: 'Events per ingest request',
      buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}ingest_batch_duration_seconds`,
      help: 'Time to check, store and project one ingest batch, until its results are known',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  /** `items[i]` is what was sent for `results[i]`. */
  record(items: unknown[], results: EventResult[], seconds: number): void {
    results.forEach((r, i) => this.events.inc({ type: typeLabel(items[i]), result: r.status }));
    this.batchSize.observe(items.length);
    this.duration.observe(seconds);
  }
}
