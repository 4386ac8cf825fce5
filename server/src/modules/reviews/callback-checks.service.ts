import {
  CALLBACK_ANSWER_LABELS,
  callbackFigures,
  type CallbackAnswerInput,
  type CallbackCheckFilter,
  type CallbackCheckListView,
  type CallbackCheckView,
  type CallbackFigures,
  type CallbackSummaryView,
  type ClosureDisproved,
  type PhoneRevealView,
} from '@hallwatch/shared';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import { localMonth } from '../../core/time/zoned-time';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import type { DomainEvents } from '../domain-events/domain-events';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { CHECK_FILTERS, CHECK_SELECT, checkView, CheckRow, departmentFigures, FIGURES_SQL, FigureRow } from './callback-check-views';
import { reopenClosure } from './callback-reopen';
import { FollowUpsService } from './follow-ups.service';
import { FollowUpProducer } from './jobs/follow-up.producer';

/** The acts on a case that a second callback checks: whoever did one of them may not check it. */
const HANDLING_ACTS = ['contact', 'resolution', 'confirmation'];

interface LockedCheck {
  id: string;
  case_id: string;
  handler: string;
  department: string | null;
  closed_at: Date;
  answer: string | null;
  verified_by: string | null;
  kind: 'review' | 'complaint';
  source_id: string;
  case_status: string;
  case_closed_at: Date | null;
  source_day: string;
}

type Refusal = { refused: string };

/** The first day of a YYYY-MM month and the first day of the next. */
function monthSpan(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to };
}

// 回访核实 (docs/contracts/reviews.md, "Callbacks verified"): the drawn closures awaiting a second
// call, the citizen's answer recorded by someone other than the handler, and the month's figures.
// An answer other than "confirmed" reopens the case with new working-day deadlines and marks it.
@Injectable()
export class CallbackChecksService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly producer: FollowUpProducer,
    private readonly followUps: FollowUpsService,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  async list(site: Site, filter: CallbackCheckFilter, month: string | null, department: string | null): Promise<CallbackCheckListView> {
    const span = month ? monthSpan(month) : null;
    const f = CHECK_FILTERS[filter];
    const rows = await queryRows<CheckRow>(
      this.ds,
      `${CHECK_SELECT} AND k.site_id = $1 AND ${f.where}
         AND ($2::date IS NULL OR (k.drawn_day >= $2::date AND k.drawn_day < $3::date))
         AND ($4::text IS NULL OR k.department = $4)
       ORDER BY ${f.order} LIMIT 500`,
      [site.id, span?.from ?? null, span?.to ?? null, department],
    );
    return { site: site.code, asOf: this.clock.now().toISOString(), checks: rows.map(checkView) };
  }

  async get(site: Site, id: string): Promise<CallbackCheckView> {
    const row = await queryOne<CheckRow>(this.ds, `${CHECK_SELECT} AND k.site_id = $1 AND k.id::text = $2`, [site.id, id]);
    if (!row) throw new NotFoundException(`No callback check "${id}" at site ${site.code}`);
    return checkView(row);
  }

  /** The month's figures per department that owned the cases; `month` defaults to the hall's current one. */
  async summary(site: Site, month: string | null): Promise<CallbackSummaryView> {
    const now = this.clock.now();
    const m = month ?? localMonth(now, site.timezone);
    const span = monthSpan(m);
    const rows = await queryRows<FigureRow>(this.ds, FIGURES_SQL, [site.id, span.from, span.to]);
    const departments = rows.map(departmentFigures);
    const sum = (k: 'drawn' | 'verified' | 'confirmed' | 'notContacted' | 'notSolved') => departments.reduce((a, d) => a + d[k], 0);
    const total: CallbackFigures = callbackFigures({
      drawn: sum('drawn'),
      verified: sum('verified'),
      confirmed: sum('confirmed'),
      notContacted: sum('notContacted'),
      notSolved: sum('notSolved'),
    });
    return {
      site: site.code,
      month: m,
      asOf: now.toISOString(),
      sampleShare: indicatorSettings(site.settings).callbackSampleShare,
      total,
      departments,
    };
  }

  /** The citizen's number for the verifier's call, through the follow-up desk's audited reveal. */
  async revealPhone(site: Site, id: string, who: Actor): Promise<PhoneRevealView> {
    const check = await this.get(site, id);
    return this.followUps.revealPhone(site, check.caseId, who, { callbackCheck: check.id });
  }

  async answer(site: Site, id: string, who: Actor, input: CallbackAnswerInput): Promise<CallbackCheckView> {
    const outcome = await this.ds.transaction(async (em): Promise<Refusal | { reopened: boolean }> => {
      const k = await queryOne<LockedCheck>(
        em,
        `SELECT k.id, k.case_id, k.handler, k.department, k.closed_at, k.answer, k.verified_by, c.kind, c.source_id,
           c.status AS case_status, c.closed_at AS case_closed_at,
           COALESCE(r.service_day, (c.opened_at AT TIME ZONE s.timezone)::date)::text AS source_day
         FROM callback_checks k JOIN follow_up_cases c ON c.id = k.case_id JOIN sites s ON s.id = k.site_id
         LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
         WHERE k.site_id = $1 AND k.id::text = $2 AND k.drawn_at IS NOT NULL
         FOR UPDATE OF k, c`,
        [site.id, id],
      );
      if (!k) throw new NotFoundException(`No callback check "${id}" at site ${site.code}`);
      if (k.answer) throw new ConflictException(`This closure was already verified by ${k.verified_by} (${k.answer})`);
      if (k.handler === who.actor)
        return { refused: `${who.actor} closed this case; someone other than the handler must call the citizen back` };
      const acted = await queryOne<{ kind: string }>(
        em,
        `SELECT kind FROM follow_up_actions WHERE case_id = $1 AND actor = $2 AND kind = ANY($3::text[]) LIMIT 1`,
        [k.case_id, who.actor, HANDLING_ACTS],
      );
      if (acted)
        return { refused: `${who.actor} recorded this case's ${acted.kind}; someone who did not handle it must call the citizen back` };

      const now = this.clock.now();
      const calledAt = input.calledAt ? new Date(input.calledAt) : now;
      if (calledAt > now) throw badField('calledAt', 'calledAt must not be in the future');
      if (calledAt < new Date(k.closed_at))
        throw badField('calledAt', `calledAt must be after the case was closed (${new Date(k.closed_at).toISOString()})`);
      await em.query(
        `UPDATE callback_checks SET answer = $2, note = $3, called_at = $4, verified_by = $5, verified_at = $6 WHERE id = $1`,
        [k.id, input.answer, input.note, calledAt, who.actor, now],
      );
      // Only the closure still standing is reopened: a case withdrawn by an appeal since stays so.
      const standing =
        k.case_status === 'closed' && k.case_closed_at !== null && new Date(k.case_closed_at).getTime() === new Date(k.closed_at).getTime();
      const reopened = input.answer !== 'confirmed' && standing;
      if (reopened)
        await reopenClosure(em, site, { caseId: k.case_id, kind: k.kind, sourceId: k.source_id }, input.answer as ClosureDisproved, now);
      await em.query(
        `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome) VALUES ($1, 'verification', NULL, $2, $3, $4, $5)`,
        [k.case_id, now, who.actor, `${CALLBACK_ANSWER_LABELS[input.answer].zh}：${input.note}`, input.answer === 'confirmed'],
      );
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'callback.verify',
        site: site.code,
        target: `callback-check:${k.id}`,
        details: {
          caseId: k.case_id,
          kind: k.kind,
          sourceId: k.source_id,
          answer: input.answer,
          handler: k.handler,
          department: k.department,
          reopened,
        },
      });
      // The rates count what was due and closed on time: a reopened case changes them.
      await this.events.emitInOrder('reviews.changing', { em, siteId: site.id, days: [k.source_day] });
      return { reopened };
    });
    if ('refused' in outcome) {
      // Written apart from the rolled-back attempt: the refusal itself is on the record.
      await recordAudit(this.ds.manager, {
        by: who,
        at: this.clock.now(),
        action: 'callback.verify.refused',
        site: site.code,
        target: `callback-check:${id}`,
        details: { reason: outcome.refused },
      });
      throw new ForbiddenException(outcome.refused);
    }
    this.events.emit('reviews.changed', { siteIds: [site.id] });
    if (outcome.reopened) this.producer.kickScheduling(site.id);
    this.events.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'follow-ups' });
    return this.get(site, id);
  }
}
