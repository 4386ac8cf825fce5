import type { FollowUpStep } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { DeadlinePhase, FollowUpDeadlineData } from './jobs/follow-up-deadline.job';
import { DeadlineJob, FollowUpProducer } from './jobs/follow-up.producer';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import type { DomainEvents } from '../domain-events/domain-events';
import { reminderAt } from '../../core/time/working-calendar';
import { OPEN_CASE } from './follow-up-views';

export type DeadlineOutcome = 'gone' | 'done' | 'early' | 'reminded' | 'escalated' | 'already';

interface DueRow {
  id: string;
  site_id: string;
  timezone: string;
  status: string;
  contact_due_at: Date;
  resolve_due_at: Date;
  first_contact_at: Date | null;
  closed_at: Date | null;
  contact_overdue_at: Date | null;
  resolve_overdue_at: Date | null;
  source_day: string;
}

const DUE_SELECT = `SELECT c.id, c.site_id, s.timezone, c.status, c.contact_due_at, c.resolve_due_at, c.first_contact_at, c.closed_at,
    c.contact_overdue_at, c.resolve_overdue_at,
    COALESCE(r.service_day, (c.opened_at AT TIME ZONE s.timezone)::date)::text AS source_day
  FROM follow_up_cases c JOIN sites s ON s.id = c.site_id
  LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id`;

const stepDone = (c: DueRow, step: FollowUpStep) => (step === 'contact' ? c.first_contact_at !== null : c.closed_at !== null);
const dueOf = (c: DueRow, step: FollowUpStep) => new Date(step === 'contact' ? c.contact_due_at : c.resolve_due_at);

// Reminders and escalations of the follow-up deadlines. Every entry point re-reads the case
// and acts only on what is still undone, so jobs may repeat, run late or race each other.
@Injectable()
export class FollowUpDeadlinesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly producer: FollowUpProducer,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  /** Queues the deadline jobs of cases whose jobs are not queued yet; returns how many cases. */
  async scheduleUnscheduled(siteId: string | null, limit = 1000): Promise<number> {
    const rows: DueRow[] = await this.ds.query(
      `${DUE_SELECT} WHERE c.scheduled_at IS NULL AND ($1::uuid IS NULL OR c.site_id = $1) ORDER BY c.opened_at LIMIT $2`,
      [siteId, limit],
    );
    if (!rows.length) return 0;
    const jobs: DeadlineJob[] = [];
    const now = this.clock.now();
    for (const c of rows) {
      if (c.status === 'closed' || c.status === 'withdrawn') continue;
      for (const step of ['contact', 'resolve'] as const) {
        if (stepDone(c, step)) continue;
        const due = dueOf(c, step);
        // A case that arrives after its deadline (a late event) needs no reminder, only the escalation.
        if (now < due) jobs.push(job(c.id, step, 'remind', due, reminderAt(due, c.timezone)));
        jobs.push(job(c.id, step, 'escalate', due, due));
      }
    }
    await this.producer.addDeadlines(jobs);
    // Only cases whose deadlines are still the ones just queued: a calendar edit in between re-queues.
    await this.ds.query(
      `UPDATE follow_up_cases c SET scheduled_at = now() FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS u(id, cd, rd)
       WHERE c.id = u.id AND c.scheduled_at IS NULL AND c.contact_due_at = u.cd AND c.resolve_due_at = u.rd`,
      [rows.map((r) => r.id), rows.map((r) => r.contact_due_at), rows.map((r) => r.resolve_due_at)],
    );
    return rows.length;
  }

  async handle(data: FollowUpDeadlineData): Promise<DeadlineOutcome> {
    const outcome = await this.ds.transaction(async (em): Promise<DeadlineOutcome | { early: DeadlineJob } | { escalated: string }> => {
      const [c]: DueRow[] = await em.query(`${DUE_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [data.caseId]);
      if (!c) return 'gone';
      if (c.status === 'closed' || c.status === 'withdrawn' || stepDone(c, data.step)) return 'done';
      const due = dueOf(c, data.step);
      const now = this.clock.now();
      const at = data.phase === 'remind' ? reminderAt(due, c.timezone) : due;
      // The deadline moved later (a holiday was added) after this job was queued.
      if (now < at) return { early: job(c.id, data.step, data.phase, due, at) };
      // A reminder that could only run after its deadline has nothing left to remind of.
      if (data.phase === 'remind' && now >= due) return 'already';
      const key = `${data.phase}.${data.step}.${due.getTime()}`;
      const inserted: unknown[] = await em.query(
        `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome, dedupe_key)
         VALUES ($1, $2, $3, $4, 'system', NULL, NULL, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [c.id, data.phase === 'remind' ? 'reminder' : 'escalation', data.step, now, `${c.id}.${key}`],
      );
      if (data.phase === 'remind') return inserted.length ? 'reminded' : 'already';
      const column = data.step === 'contact' ? 'contact_overdue_at' : 'resolve_overdue_at';
      // Overdue since the deadline itself, however late the job ran. A case the sweep already
      // marked overdue changes nothing the rates count: no rollup mark then.
      const marked = await queryRows<{ id: string }>(
        em,
        `UPDATE follow_up_cases SET ${column} = $2, updated_at = $3 WHERE id = $1 AND ${column} IS NULL RETURNING id`,
        [c.id, due, now],
      );
      if (marked.length) await this.events.emitInOrder('reviews.changing', { em, siteId: c.site_id, days: [c.source_day] });
      return inserted.length ? { escalated: c.site_id } : 'already';
    });
    if (typeof outcome === 'string') return outcome;
    if ('escalated' in outcome) {
      this.events.emit('reviews.changed', { siteIds: [outcome.escalated] });
      return 'escalated';
    }
    await this.producer.addDeadlines([outcome.early]);
    return 'early';
  }

  /** Escalates every deadline that has passed without its job having done so; returns how many. */
  async escalateMissed(): Promise<number> {
    const now = this.clock.now();
    const rows: Array<{ id: string; step: FollowUpStep }> = await this.ds.query(
      `SELECT c.id, 'contact' AS step FROM follow_up_cases c
         WHERE ${OPEN_CASE} AND c.first_contact_at IS NULL AND c.contact_overdue_at IS NULL AND c.contact_due_at <= $1
       UNION ALL
       SELECT c.id, 'resolve' FROM follow_up_cases c WHERE ${OPEN_CASE} AND c.resolve_overdue_at IS NULL AND c.resolve_due_at <= $1`,
      [now],
    );
    let n = 0;
    for (const r of rows) if ((await this.handle({ caseId: r.id, step: r.step, phase: 'escalate' })) === 'escalated') n++;
    return n;
  }
}

function job(caseId: string, step: FollowUpStep, phase: DeadlinePhase, due: Date, at: Date): DeadlineJob {
  return { data: { caseId, step, phase }, due, at };
}
