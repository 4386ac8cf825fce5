import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../core/time/clock';
import { Site } from '../../registry/site.entity';
import { NoticeStepsService } from '../notice-steps.service';
import { PatrolNotifier } from '../patrol-notifier';
import { RoundEventsService } from '../round-events.service';
import { RoundPlanner } from '../round-planner.service';
import { RoundStepsService } from '../round-steps.service';
import { PatrolJobsProducer } from './patrol-jobs.producer';

export interface SiteSync {
  site: string;
  planned: number;
  projected: number;
  steps: number;
  jobsAdded: number;
  jobsMoved: number;
}

/**
 * Rebuilds a site's patrol schedule from PostgreSQL: plans today's and tomorrow's rounds,
 * projects round events not yet projected, records every step whose time has passed (the
 * catch-up after Redis was away), and ensures a delayed job for every step still to come.
 * Runs at worker start, on every sweep, and when Redis is found emptied.
 */
@Injectable()
export class PatrolSync {
  private readonly logger = new Logger('patrol');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly planner: RoundPlanner,
    private readonly events: RoundEventsService,
    private readonly rounds: RoundStepsService,
    private readonly notices: NoticeStepsService,
    private readonly producer: PatrolJobsProducer,
    private readonly notifier: PatrolNotifier,
  ) {}

  async syncSite(site: Site): Promise<SiteSync> {
    const now = this.clock.now();
    const plan = await this.planner.planAhead(site, now);
    const projected = await this.events.projectPending(site, now);
    const roundSteps = await this.rounds.advanceSite(site.id, now);
    const noticeSteps = await this.notices.advanceSite(site.id, now);
    const jobs = await this.producer.ensureSite(site.id);
    const steps = roundSteps.length + noticeSteps.length;
    if (steps || projected.length || plan.created || plan.removed) await this.notifier.siteChanged(site.id);
    return {
      site: site.code,
      planned: plan.created,
      projected: projected.length,
      steps,
      jobsAdded: jobs.filter((j) => j === 'added').length,
      jobsMoved: jobs.filter((j) => j === 'moved').length,
    };
  }

  /** Sites that walk rounds, or still have a notice open from when they did. */
  async patrolSites(): Promise<Site[]> {
    return this.ds
      .getRepository(Site)
      .createQueryBuilder('s')
      .where(
        `EXISTS (SELECT 1 FROM patrol_schedules p WHERE p.site_id = s.id AND p.enabled)
         OR EXISTS (SELECT 1 FROM patrol_rounds r WHERE r.site_id = s.id AND r.state NOT IN ('done', 'doubtful', 'missed'))
         OR EXISTS (SELECT 1 FROM patrol_notices n WHERE n.site_id = s.id AND n.status = 'open')`,
      )
      .orderBy('s.code')
      .getMany();
  }

  async syncAll(): Promise<SiteSync[]> {
    const out: SiteSync[] = [];
    for (const site of await this.patrolSites()) {
      try {
        out.push(await this.syncSite(site));
      } catch (err) {
        this.logger.warn(`patrol sync of ${site.code} failed: ${(err as Error).message}`);
      }
    }
    return out;
  }

  /** After Redis lost everything: the sweep's scheduler first, then every job from PostgreSQL. */
  async rebuild(): Promise<SiteSync[]> {
    await this.producer.ensureSweep();
    const result = await this.syncAll();
    const added = result.reduce((n, s) => n + s.jobsAdded, 0);
    this.logger.log(`patrol schedule rebuilt from PostgreSQL: ${result.length} site(s), ${added} job(s) added`);
    return result;
  }
}
