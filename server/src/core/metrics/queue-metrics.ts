import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { registeredQueues } from '../queue/registered-queues';
import { METRIC_PREFIX, MetricsRegistry, withinScrape } from './metrics-registry';

const STATES = ['waiting', 'delayed', 'failed'] as const;

/**
 * Jobs per BullMQ queue and state, read from Redis when Prometheus scrapes (the counts live in
 * Redis, shared by every server and worker, so any one process reports them all).
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly jobs: Gauge<'queue' | 'state'>;
  private readonly up: Gauge;
  private readonly late: Gauge<'queue'>;
  private queues: Queue[] = [];

  constructor(
    metrics: MetricsRegistry,
    private readonly moduleRef: ModuleRef,
  ) {
    this.jobs = new Gauge({
      name: `${METRIC_PREFIX}queue_jobs`,
      help: 'Jobs in each BullMQ queue by state (waiting, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
    });
    this.late = new Gauge({
      name: `${METRIC_PREFIX}queue_oldest_waiting_seconds`,
      help: 'How long the job next in line of each queue has waited past its due time (0 when none waits): job lateness, read at scrape time',
      labelNames: ['queue'],
      registers: [metrics.registry],
    });
    this.up = new Gauge({
      name: `${METRIC_PREFIX}queue_counts_up`,
      help: '1 when the queue counts could be read from Redis at this scrape, 0 when not (hallwatch_queue_jobs is then absent)',
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.queues = [...registeredQueues(this.moduleRef).values()];
  }

  async refresh(): Promise<void> {
    this.jobs.reset();
    this.late.reset();
    try {
      const counts = await withinScrape(
        Promise.all(this.queues.map(async (q) => [q.name, await q.getJobCounts(...STATES), await oldestWaiting(q)] as const)),
      );
      const now = Date.now();
      for (const [queue, byState, oldest] of counts) {
        for (const state of STATES) this.jobs.set({ queue, state }, byState[state] ?? 0);
        // Due when added, or when its delay ran out: a delayed job is not late while it waits for its time.
        const due = oldest ? oldest.timestamp + (oldest.opts.delay ?? 0) : now;
        this.late.set({ queue }, Math.max(0, (now - due) / 1000));
      }
      this.up.set(1);
    } catch {
      this.up.set(0);
    }
  }
}

/** The job at the head of the waiting line: the oldest, as the worker takes them first-in first-out. */
async function oldestWaiting(q: Queue): Promise<Job | undefined> {
  const [job] = await q.getJobs(['waiting'], 0, 0, true);
  return job;
}
