import { QUEUE_JOB_STATES, QueueName, type FailedJobsView, type FailedJobView, type QueueCountsView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { registeredQueues } from '../../core/queue/registered-queues';
import { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';

/** Lines of a failed job's stack shown: enough to place the error, not a page of frames. */
const STACK_LINES = 6;

const notFound = (message: string) => new NotFoundException({ statusCode: 404, error: 'Not Found', message });

// The admin's look into the BullMQ queues: counts by state, the failed jobs with their errors,
// and a retry that puts a failed job back in line (audited). Jobs' data is never shown: a
// delivery or a follow-up job can carry a citizen's details.
@Injectable()
export class QueueAdminService implements OnModuleInit {
  private queues = new Map<QueueName, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.queues = registeredQueues(this.moduleRef);
  }

  async counts(): Promise<QueueCountsView[]> {
    return Promise.all(
      [...this.queues].map(async ([name, q]) => {
        const c = await q.getJobCounts(...QUEUE_JOB_STATES);
        return { name, counts: Object.fromEntries(QUEUE_JOB_STATES.map((s) => [s, c[s] ?? 0])) as QueueCountsView['counts'] };
      }),
    );
  }

  async failed(name: QueueName, start: number, size: number): Promise<FailedJobsView> {
    const q = this.queue(name);
    const [total, jobs] = await Promise.all([q.getFailedCount(), q.getFailed(start, start + size - 1)]);
    return { name, total, jobs: jobs.filter((j): j is Job => !!j).map(failedView) };
  }

  async retry(name: QueueName, id: string, who: Actor): Promise<FailedJobView> {
    const q = this.queue(name);
    const job = await q.getJob(id);
    if (!job) throw notFound(`Queue "${name}" has no job ${id}`);
    const state = await job.getState();
    if (state !== 'failed')
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `Job ${id} is ${state}; only a failed job is retried` });
    const view = failedView(job);
    await job.retry('failed');
    await recordAudit(this.ds.manager, {
      action: 'queue.job.retry',
      by: who,
      target: `job:${name}/${id}`,
      details: { queue: name, job: job.name, failedReason: view.failedReason, attemptsMade: view.attemptsMade },
    });
    return view;
  }

  private queue(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw notFound(`This server runs no queue "${name}"`);
    return q;
  }
}

function failedView(j: Job): FailedJobView {
  const stack = j.stacktrace?.[j.stacktrace.length - 1] ?? null;
  return {
    id: String(j.id),
    name: j.name,
    failedReason: j.failedReason ?? '',
    stack: stack ? stack.split('\n').slice(0, STACK_LINES).join('\n') : null,
    attemptsMade: j.attemptsMade,
    queuedAt: new Date(j.timestamp).toISOString(),
    failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
  };
}
