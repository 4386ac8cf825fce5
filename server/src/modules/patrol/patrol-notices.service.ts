import { NOTICE_MAX_DAYS, PatrolNoticeView } from '@hallwatch/shared';
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { outsideDepartment, owns } from '../../core/auth/refusal';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { IssueNoticeDto, ReplyNoticeDto } from './dtos/notice.dto';
import { PatrolFinding } from './entities/patrol-finding.entity';
import { PatrolNotice } from './entities/patrol-notice.entity';
import { PatrolJobsProducer } from './jobs/patrol-jobs.producer';
import { PatrolNotifier } from './patrol-notifier';
import { NoticeFinding, noticeView } from './patrol-views';
import { noticeRemindAt } from './round-rules';
import { queryRows } from '../../core/database/typed-query';
import { FindingItemsRow } from './patrol-rows';
import { allocateNoticeNumber } from './notice-number';

export type NoticeFilter = 'open' | 'overdue' | 'closed' | 'all';

const HOUR = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 督查告知书: issued from a finding to a department with a deadline, reminded and escalated
 * by delayed jobs, closed by the department's reply. PostgreSQL holds the notice; if Redis
 * is away when it is issued, the next sweep schedules its jobs.
 */
@Injectable()
export class PatrolNoticesService {
  private readonly logger = new Logger('patrol');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly producer: PatrolJobsProducer,
    private readonly notifier: PatrolNotifier,
  ) {}

  async issue(site: Site, actor: string, input: IssueNoticeDto): Promise<{ notice: PatrolNoticeView; created: boolean }> {
    const now = this.clock.now();
    const deadline = new Date(input.deadline);
    if (Number.isNaN(deadline.getTime())) throw badField('deadline', 'deadline is not a real date and time');
    const { notice, created } = await this.ds.transaction(async (em) => {
      const again = await em.findOneBy(PatrolNotice, { siteId: site.id, clientId: input.id });
      if (again) return { notice: again, created: false };
      const finding = await em.findOneBy(PatrolFinding, { siteId: site.id, checkEventId: input.check });
      // The page sends the finding's check before its notice; a notice ahead of it is retried.
      if (!finding)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          field: 'check',
          message: `No finding recorded by check "${input.check}" yet; send the round.check event first`,
        });
      // Judged from the finding, not from arrival: a notice written offline keeps the deadline it was given.
      if (deadline <= finding.occurredAt) throw badField('deadline', 'deadline must be after the finding was made');
      if (deadline.getTime() > finding.occurredAt.getTime() + NOTICE_MAX_DAYS * 24 * HOUR)
        throw badField('deadline', `deadline must be within ${NOTICE_MAX_DAYS} days of the finding`);
      const taken = await em.findOneBy(PatrolNotice, { findingId: finding.id });
      if (taken)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          field: 'check',
          message: `The finding already has notice "${taken.clientId}"`,
        });
      const issuedAt = now < finding.occurredAt ? finding.occurredAt : now;
      const number = await allocateNoticeNumber(em, site, issuedAt);
      const saved = await em.save(
        em.create(PatrolNotice, {
          siteId: site.id,
          clientId: input.id,
          findingId: finding.id,
          department: input.department,
          text: input.text ?? null,
          issuedAt,
          issuedBy: actor,
          deadline,
          remindAt: noticeRemindAt(issuedAt, deadline),
          status: 'open',
          number: number.text,
          numberYear: number.year,
          numberSeq: number.seq,
        }),
      );
      return { notice: saved, created: true };
    });
    if (created) {
      await this.producer
        .ensureNotice(notice)
        .catch((err: Error) => this.logger.warn(`notice ${notice.id} not scheduled yet: ${err.message}`));
      await this.notifier.siteChanged(site.id);
    }
    return { notice: await this.view(this.ds.manager, notice, now), created };
  }

  /** `department`: the caller's own (a department account); another department's notice is answered as missing. */
  async reply(siteCode: string, noticeId: string, actor: string, input: ReplyNoticeDto, department?: string): Promise<PatrolNoticeView> {
    const now = this.clock.now();
    const site = await findSite(this.ds.manager, siteCode);
    const missing = () =>
      new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site.code}" has no notice ${noticeId}` });
    if (!UUID.test(noticeId)) throw missing();
    const notice = await this.ds.transaction(async (em) => {
      const n = await em
        .getRepository(PatrolNotice)
        .findOne({ where: { id: noticeId, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      if (!n) throw missing();
      if (!owns(department, n.department) || (department !== undefined && n.source !== 'patrol'))
        throw outsideDepartment(missing().message, `notice ${n.id} is addressed to department "${n.department}", not "${department}"`);
      await closeWithReply(em, n, input.reply, input.by ?? actor, now);
      // The department's answer is what resolves the finding the notice was about.
      await em.query(
        `UPDATE patrol_findings SET status = 'resolved', resolved_at = $2, resolution = $3, resolved_by = $4 WHERE id = $1 AND status = 'open'`,
        [n.findingId, now, input.reply, n.repliedBy],
      );
      return n;
    });
    await this.notifier.siteChanged(site.id);
    return this.view(this.ds.manager, notice, now);
  }

  /** After another feature issued a notice in its own transaction (a visit's, to a town): its jobs and the wall. */
  async issued(notice: PatrolNotice): Promise<void> {
    await this.producer
      .ensureNotice(notice)
      .catch((err: Error) => this.logger.warn(`notice ${notice.id} not scheduled yet: ${err.message}`));
    await this.notifier.siteChanged(notice.siteId);
  }

  async list(siteCode: string, filter: NoticeFilter, department?: string): Promise<PatrolNoticeView[]> {
    const now = this.clock.now();
    const site = await findSite(this.ds.manager, siteCode);
    const qb = this.ds.getRepository(PatrolNotice).createQueryBuilder('n').where('n.site_id = :id', { id: site.id });
    // A visit's notice is addressed to a town, whose code a department's may share: a department sees only its own patrol notices.
    if (department !== undefined) qb.andWhere(`n.department = :department AND n.source = 'patrol'`, { department });
    if (filter === 'open') qb.andWhere(`n.status = 'open'`);
    if (filter === 'closed') qb.andWhere(`n.status = 'closed'`);
    if (filter === 'overdue') qb.andWhere(`n.status = 'open' AND n.deadline <= :now`, { now });
    const rows = await qb.orderBy('n.deadline', 'ASC').addOrderBy('n.id').getMany();
    const findings = await noticeFindings(
      this.ds.manager,
      rows.map((r) => r.findingId),
    );
    return rows.map((n) => noticeView(n, findings.get(n.findingId), now));
  }

  private async view(em: EntityManager, n: PatrolNotice, now: Date): Promise<PatrolNoticeView> {
    const findings = await noticeFindings(em, [n.findingId]);
    return noticeView(n, findings.get(n.findingId), now);
  }
}

/** The addressee's answer closes the notice; the office then accepts or escalates it. */
export async function closeWithReply(em: EntityManager, n: PatrolNotice, reply: string, by: string, now: Date): Promise<void> {
  if (n.status === 'closed')
    throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'The notice has already been answered' });
  n.status = 'closed';
  n.reply = reply;
  n.repliedAt = now;
  n.repliedBy = by;
  await em.save(n);
}

/** Each finding's items and the points its confirmed violation cost, for the notices about them. */
export async function noticeFindings(em: EntityManager, findingIds: string[]): Promise<Map<string, NoticeFinding>> {
  if (!findingIds.length) return new Map();
  const rows = await queryRows<FindingItemsRow>(
    em,
    `SELECT f.id, f.items, d.points FROM patrol_findings f LEFT JOIN patrol_deductions d ON d.finding_id = f.id WHERE f.id = ANY($1::uuid[])`,
    [findingIds],
  );
  // A notice is about the finding's items and always about the follow-up promise (9, 47).
  return new Map(rows.map((r) => [r.id, { items: [...new Set([...r.items, 9, 47])].sort((a, b) => a - b), deduction: r.points }]));
}
