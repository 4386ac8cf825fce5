import { QueueName } from '@hallwatch/shared';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { Clock } from '../../../core/time/clock';
import { Site } from '../../registry/site.entity';
import { LookBackService } from '../look-back.service';
import { JOB_RETENTION, LOOK_BACK_SITE, LOOK_BACK_SWEEP, LookBackSiteData, lookBackSiteJobId } from './look-back.job';

// Started by LookBackWorker, only in processes that run workers.
@Processor(QueueName.Rectification, { autorun: false })
export class LookBackProcessor extends LoggedWorkerHost {
  constructor(
    private readonly ds: DataSource,
    private readonly lookBack: LookBackService,
    private readonly clock: Clock,
    @InjectQueue(QueueName.Rectification) private readonly queue: Queue,
  ) {
    super('rectification-look-back');
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === LOOK_BACK_SWEEP) {
      const sites = await this.lookBack.sitesWithLinks();
      const now = this.clock.now();
      await this.queue.addBulk(
        sites.map((s) => ({
          name: LOOK_BACK_SITE,
          data: { siteId: s.id } satisfies LookBackSiteData,
          opts: { jobId: lookBackSiteJobId(s.id, now), ...JOB_RETENTION },
        })),
      );
      return { sites: sites.length };
    }
    if (job.name === LOOK_BACK_SITE) {
      const { siteId } = job.data as LookBackSiteData;
      const site = await this.ds.getRepository(Site).findOneBy({ id: siteId });
      // A site deleted since the sweep has nothing left to check.
      if (!site) return { skipped: 'no such site' };
      const result = await this.lookBack.checkSite(site);
      if (result.raised.length || result.cleared.length)
        this.logger.log(`${site.code}: rebounding ${result.raised.join(', ') || '-'}; cleared ${result.cleared.join(', ') || '-'}`);
      return { rebounding: result.rebounding.length };
    }
    this.logger.warn(`unknown job ${job.name} on the rectification queue`);
    return null;
  }
}
