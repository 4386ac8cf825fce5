import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { ALERT_SWEEP, ALERT_SWEEP_EVERY_MS, ALERT_SWEEP_SCHEDULER, JOB_RETENTION } from './alert-routing.jobs';
import { AlertRoutingProcessor } from './alert-routing.processor';

// The sweep's scheduler is set again every few minutes too: a Redis flushed under a running
// process loses it, and with it the digests' planning, which lives in PostgreSQL and is redone by it.
const RESCHEDULE_MS = 5 * 60_000;

@Injectable()
export class AlertRoutingWorker extends SweepWorker {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly appConfig: AppConfig,
    processor: AlertRoutingProcessor,
    @InjectQueue(QueueName.AlertRouting) private readonly alertQueue: Queue,
  ) {
    super(
      appConfig,
      processor,
      alertQueue,
      { scheduler: ALERT_SWEEP_SCHEDULER, everyMs: ALERT_SWEEP_EVERY_MS, job: ALERT_SWEEP, opts: JOB_RETENTION },
      'alert-routing',
    );
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    if (!this.appConfig.RUN_WORKERS) return;
    this.timer = setInterval(() => {
      this.alertQueue
        .upsertJobScheduler(ALERT_SWEEP_SCHEDULER, { every: ALERT_SWEEP_EVERY_MS }, { name: ALERT_SWEEP, data: {}, opts: JOB_RETENTION })
        .catch(() => undefined);
    }, RESCHEDULE_MS);
    this.timer.unref();
  }

  override onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    super.onApplicationShutdown();
  }
}
