import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric name starts with this (docs/operations.md lists them). */
export const METRIC_PREFIX = 'hallwatch_';

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
