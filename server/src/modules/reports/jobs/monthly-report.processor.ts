import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { Site } from '../../registry/site.entity';
import { OfficeReportsService } from '../office-reports.service';
import { MONTHLY_SWEEP } from './monthly-report.job';

// Started by MonthlyReportWorker, only in processes that run workers.
@Processor(QueueName.Reports, { autorun: false })
export class MonthlyReportProcessor extends LoggedWorkerHost {
  constructor(
    private readonly ds: DataSource,
    private readonly reports: OfficeReportsService,
  ) {
    super('reports-monthly');
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== MONTHLY_SWEEP) {
      this.logger.warn(`unknown job ${job.name} on the reports queue`);
      return null;
    }
    return this.sweep();
  }

  /** Last month's report for each hall without one; one hall's failure does not keep the others from theirs. */
  async sweep(): Promise<{ written: string[] }> {
    const halls = await this.ds.getRepository(Site).find({ where: { tier: 'hall' }, order: { code: 'ASC' } });
    const written: string[] = [];
    for (const site of halls) {
      try {
        const doc = await this.reports.ensureLastMonth(site);
        if (doc) written.push(`${site.code}:${doc.month}`);
      } catch (err) {
        this.logger.warn(`${site.code}: monthly report not written: ${(err as Error).message}`);
      }
    }
    if (written.length) this.logger.log(`monthly reports written: ${written.join(', ')}`);
    return { written };
  }
}
