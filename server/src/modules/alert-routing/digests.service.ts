import { QueueName, type DigestKind, type DigestPreview } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { addDays, isoWeekday, localDay } from '../../core/time/zoned-time';
import { readExceptions } from '../calendar/calendar-store';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { clip, mentionsOf } from './alert-messages';
import { AlertDispatcher } from './alert-dispatcher';
import { digestFigures, digestMarkdown, digestTitle } from './digest-figures';
import { dueOccasions, nextOccasion, type DigestOccasion } from './digest-schedule';
import { DIGEST_JOB, type DigestJobData, JOB_RETENTION } from './jobs/alert-routing.jobs';
import { recipientsByIds, ruleById, rulesWithDigests, type RuleRow } from './rule-store';

const digestKey = (ruleId: string, o: Pick<DigestOccasion, 'kind' | 'to'>) => `digest:${ruleId}:${o.kind}:${o.to}`;

/**
 * The daily summary at the hall's closing time and the weekly one on Monday morning, through the
 * rules that ask for them. PostgreSQL holds what is due (the rules, the hall's hours and calendar)
 * and what was sent (the dispatch keys): each occasion is a delayed job planned from them again at
 * every sweep, and the sweep sends any whose job was lost with Redis.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly dispatcher: AlertDispatcher,
    @InjectQueue(QueueName.AlertRouting) private readonly queue: Queue,
  ) {}

  /** Sends what is due and not yet sent, and queues each rule's next occasion; returns how many were sent. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const rule of await rulesWithDigests(this.ds.manager)) {
      const site = await this.ds.getRepository(Site).findOneBy({ id: rule.siteId });
      if (!site) continue;
      const hours = indicatorSettings(site.settings).hours;
      const today = localDay(now, site.timezone);
      const calendar = await readExceptions(this.ds.manager, site.id, addDays(today, -2), addDays(today, 16));
      for (const kind of rule.digests) {
        for (const o of dueOccasions(kind, now, hours, site.timezone, calendar)) if ((await this.send(rule, site, o)) === 'sent') sent++;
        const next = nextOccasion(kind, now, hours, site.timezone, calendar);
        if (next) await this.plan(rule.id, next, now);
      }
    }
    return sent;
  }

  /** A queued occasion's job: the rule is read again, since it may have changed or gone since. */
  async run(data: DigestJobData): Promise<string> {
    const rule = await ruleById(this.ds.manager, data.ruleId);
    if (!rule || !rule.digests.includes(data.kind)) return 'gone';
    const site = await this.ds.getRepository(Site).findOneBy({ id: rule.siteId });
    if (!site) return 'gone';
    return this.send(rule, site, { kind: data.kind, from: data.from, to: data.to, at: new Date(data.at) });
  }

  /** Today's daily digest, or last week's weekly one, as it would be sent now. */
  async preview(site: Site, kind: DigestKind): Promise<DigestPreview> {
    const now = this.clock.now();
    const today = localDay(now, site.timezone);
    const monday = addDays(today, 1 - isoWeekday(today));
    const [from, to] = kind === 'daily' ? [today, today] : [addDays(monday, -7), addDays(monday, -1)];
    const figures = await digestFigures(this.ds.manager, site.id, site.timezone, from, to, now);
    const title = digestTitle(kind, site.name, from, to);
    return { kind, site: site.code, from, to, title, markdown: digestMarkdown(title, figures), figures };
  }

  private async send(rule: RuleRow, site: Site, o: DigestOccasion): Promise<string> {
    const key = digestKey(rule.id, o);
    const [done] = await this.ds.query(`SELECT 1 FROM alert_dispatches WHERE dedupe_key = $1`, [key]);
    if (done) return 'already';
    const figures = await digestFigures(this.ds.manager, site.id, site.timezone, o.from, o.to, this.clock.now());
    const people = await recipientsByIds(this.ds.manager, rule.recipientIds);
    const title = digestTitle(o.kind, site.name, o.from, o.to);
    const message = {
      topic: `digest.${o.kind}`,
      siteId: site.id,
      title,
      markdown: clip(digestMarkdown(title, figures)),
      mentions: mentionsOf(people),
    };
    try {
      return await this.dispatcher.dispatch(rule, site.timezone, message, key);
    } catch (err) {
      this.logger.warn(`${o.kind} digest of rule ${rule.id}: ${(err as Error).message}`);
      return 'failed';
    }
  }

  private async plan(ruleId: string, o: DigestOccasion, now: Date): Promise<void> {
    const data: DigestJobData = { ruleId, kind: o.kind, from: o.from, to: o.to, at: o.at.toISOString() };
    // The job id is the occasion's: however often it is planned, it is queued once.
    await this.queue.add(DIGEST_JOB, data, {
      ...JOB_RETENTION,
      jobId: digestKey(ruleId, o).replace(/:/g, '.'),
      delay: o.at.getTime() - now.getTime(),
    });
  }
}
