import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric name starts with this (docs/operations.md lists them). */
export const METRIC_PREFIX = 'hallwatch_';

/**
 * How long a scrape waits for counts it reads from Redis or PostgreSQL: a slow store shows as a
 * gap (its `…_up` gauge at 0), not a hung scrape. Well inside Prometheus's default 10 s scrape
 * timeout, and long enough for a first scrape that opens its connections on a loaded machine.
 */
const SCRAPE_READ_TIMEOUT_MS = 4000;

/** The read's answer, or a rejection once a scrape can wait no longer. */
export function withinScrape<T>(read: Promise<T>): Promise<T> {
  return Promise.race([
    read,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), SCRAPE_READ_TIMEOUT_MS).unref()),
  ]);
}

/**
 * The process's Prometheus registry. One per application rather than prom-client's global one,
 * so that several applications in one process (the tests) do not register a metric twice.
 * Features define their own metrics on it and nothing else.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }
}
