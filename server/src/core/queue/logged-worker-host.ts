import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';

/**
 * A processor whose worker logs its troubles instead of throwing them. The listeners are
 * decorated here, so they are on the worker from the moment the queue module creates it.
 */
export abstract class LoggedWorkerHost extends WorkerHost {
  protected readonly logger: Logger;
  private failing = false;

  /** `jobIds`: name the failed job's id too, for queues whose ids say which item and step it was for. */
  protected constructor(
    context: string,
    private readonly options: { jobIds?: boolean } = {},
  ) {
    super();
    this.logger = new Logger(context);
  }

  // Without a listener a worker's error would throw; Redis going away must only be logged,
  // once until a job completes again rather than at every reconnect attempt.
  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (!this.failing) this.logger.warn(`worker: ${err.message}`);
    this.failing = true;
  }

  @OnWorkerEvent('completed')
  onCompleted(): void {
    this.failing = false;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    const name = job?.name ?? 'job';
    const what = this.options.jobIds ? `${name} ${job?.id ?? ''}` : name;
    this.logger.warn(`${what} failed: ${err.message}`);
  }
}
