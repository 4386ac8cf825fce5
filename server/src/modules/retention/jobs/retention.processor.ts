import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { systemActor } from '../../audit/actor';
import { RetentionService } from '../retention.service';
import { RETENTION_RUN } from './retention.job';

// Started by RetentionWorker, only in processes that run workers.
@Processor(QueueName.Retention, { autorun: false })
export class RetentionProcessor extends LoggedWorkerHost {
  constructor(private readonly retention: RetentionService) {
    super('retention');
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== RETENTION_RUN) {
      this.logger.warn(`unknown job ${job.name} on the retention queue`);
      return null;
    }
    const { run } = await this.retention.run('job', systemActor('retention-job'));
    return { phones: run.phones, events: run.events, photos: run.photos, files: run.files.length };
  }
}
