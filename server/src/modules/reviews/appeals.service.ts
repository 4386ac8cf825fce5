import type { AppealReason, AppealView } from '@hallwatch/shared';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { Site } from '../registry/site.entity';
import { closeSource } from './follow-ups.service';
import { findAppeal, listAppeals } from './follow-up-views';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import type { DomainEvents } from '../domain-events/domain-events';
import { queryRows } from '../../core/database/typed-query';
import { outsideDepartment, owns, refusedAfterReading } from '../../core/auth/refusal';

export type AppealDecision = 'upheld' | 'rejected';

// 申诉: a department contests a mistaken or malicious bad review; a supervisor decides once,
// and an upheld appeal takes the review out of every rate. Filing and deciding are audited, and
// are two people's acts: whoever filed an appeal cannot also decide it, and only a supervisor or
// an admin decides at all, whatever route reaches here (docs/security.md).

/** Who may decide an appeal: never a department, which is a party to it. */
const DECIDERS: ReadonlySet<string> = new Set(['supervisor', 'admin']);
@Injectable()
export class AppealsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  /** `scope`: the caller's own department (a department account), beyond which nothing is listed or shown. */
  list(site: Site, status: string | null, scope?: string): Promise<AppealView[]> {
    return listAppeals(this.ds.manager, site.id, status, scope ?? null);
  }

  async get(site: Site, id: string, scope?: string): Promise<AppealView> {
    const a = await findAppeal(this.ds.manager, site.id, id);
    const missing = `No appeal "${id}" at site ${site.code}`;
    if (!a) throw new NotFoundException(missing);
    if (!owns(scope, a.department)) throw outsideDepartment(missing, `appeal ${a.id} is department "${a.department}"'s, not "${scope}"'s`);
    return a;
  }

  async file(
    site: Site,
    reviewId: string,
    who: Actor,
    input: { reason: AppealReason; statement: string },
    scope?: string,
  ): Promise<AppealView> {
    const id = await this.ds.transaction(async (em) => {
      const [review]: Array<{ rating: number; department: string; excluded: boolean }> = await em.query(
        `SELECT rating, department, excluded FROM reviews WHERE site_id = $1 AND event_id = $2 FOR UPDATE`,
        [site.id, reviewId],
      );
      const missing = `No review "${reviewId}" at site ${site.code}`;
      if (!review) throw new NotFoundException(missing);
      // A department appeals only the bad reviews of its own service.
      if (!owns(scope, review.department))
        throw outsideDepartment(missing, `review ${reviewId} rated department "${review.department}", not "${scope}"`);
      if (review.rating > 2)
        throw new BadRequestException({ statusCode: 400, field: 'reviewId', message: 'Only a bad review (rating 1–2) can be appealed' });
      const [earlier]: Array<{ status: string }> = await em.query(
        `SELECT status FROM review_appeals WHERE site_id = $1 AND review_id = $2 LIMIT 1`,
        [site.id, reviewId],
      );
      // One appeal per review: a decision is final, and a second filing would reopen it by the back door.
      if (earlier) throw new ConflictException(`This review already has an appeal (${earlier.status})`);
      const now = this.clock.now();
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO review_appeals (site_id, review_id, department, reason, statement, status, filed_at, filed_by)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id`,
        [site.id, reviewId, review.department, input.reason, input.statement, now, who.actor],
      );
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'appeal.file',
        site: site.code,
        target: `appeal:${row.id}`,
        details: { reviewId, department: review.department, reason: input.reason },
      });
      return row.id;
    });
    return this.get(site, id, scope);
  }

  async decide(site: Site, id: string, who: Actor, input: { decision: AppealDecision; note: string }): Promise<AppealView> {
    await this.ds.transaction(async (em) => {
      const appeal = await findAppeal(em, site.id, id, true);
      if (!appeal) throw new NotFoundException(`No appeal "${id}" at site ${site.code}`);
      if (appeal.status !== 'pending') throw new ConflictException(`The appeal was already decided (${appeal.status})`);
      if (appeal.filedBy === who.actor)
        throw refusedAfterReading(`${who.actor} filed this appeal; another supervisor or admin must decide it`, 'decision');
      if (!who.role || !DECIDERS.has(who.role))
        throw refusedAfterReading(`An appeal is decided by a supervisor or an admin; ${who.actor} is ${who.role ?? 'neither'}`);
      const now = this.clock.now();
      await em.query(`UPDATE review_appeals SET status = $2, decided_at = $3, decided_by = $4, decision_note = $5 WHERE id = $1`, [
        appeal.id,
        input.decision,
        now,
        who.actor,
        input.note,
      ]);
      if (input.decision === 'upheld') {
        const [review] = await queryRows<{ day: string }>(
          em,
          `UPDATE reviews SET excluded = true WHERE site_id = $1 AND event_id = $2 RETURNING service_day::text AS day`,
          [site.id, appeal.reviewId],
        );
        await closeSource(em, { site_id: site.id, kind: 'review', source_id: appeal.reviewId }, now);
        const cases = await queryRows<{ id: string }>(
          em,
          `UPDATE follow_up_cases SET status = 'withdrawn', closed_at = COALESCE(closed_at, $3), updated_at = $3
           WHERE site_id = $1 AND kind = 'review' AND source_id = $2 RETURNING id`,
          [site.id, appeal.reviewId, now],
        );
        for (const c of cases)
          await em.query(
            `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome) VALUES ($1, 'withdrawal', NULL, $2, $3, $4, NULL)`,
            [c.id, now, who.actor, input.note],
          );
        await this.events.emitInOrder('reviews.changing', { em, siteId: site.id, days: [review.day] });
      }
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'appeal.decide',
        site: site.code,
        target: `appeal:${appeal.id}`,
        details: { reviewId: appeal.reviewId, from: 'pending', to: input.decision, note: input.note },
      });
    });
    if (input.decision === 'upheld') this.events.emit('reviews.changed', { siteIds: [site.id] });
    // An upheld appeal withdraws the case: its 差评 leaves the wall.
    this.events.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'follow-ups' });
    return this.get(site, id);
  }
}
