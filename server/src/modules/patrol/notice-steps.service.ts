import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PatrolNotice } from './entities/patrol-notice.entity';
import { queryRows } from '../../core/database/typed-query';
import { IdRow, StepRow } from './patrol-rows';

export type NoticeStep = 'remind' | 'overdue';
export const NOTICE_STEPS: readonly NoticeStep[] = ['remind', 'overdue'];

export interface NoticeAdvance {
  noticeId: string;
  siteId: string;
  steps: NoticeStep[];
}

export const noticeStepAt = (n: Pick<PatrolNotice, 'remindAt' | 'deadline'>, step: NoticeStep): Date =>
  step === 'remind' ? n.remindAt : n.deadline;

/**
 * Reminds a department before a notice's deadline and escalates after it. Like the rounds,
 * it judges the instant it is given, locks the notice, and logs each step once; a notice
 * answered in the meantime is left alone.
 */
@Injectable()
export class NoticeStepsService {
  constructor(private readonly ds: DataSource) {}

  async findNotice(id: string): Promise<PatrolNotice | null> {
    return this.ds.getRepository(PatrolNotice).findOneBy({ id });
  }

  async advanceNotice(noticeId: string, now: Date): Promise<NoticeAdvance | null> {
    return this.ds.transaction(async (em) => {
      const n = await em.getRepository(PatrolNotice).findOne({ where: { id: noticeId }, lock: { mode: 'pessimistic_write' } });
      if (!n || n.status !== 'open') return null;
      // Past the deadline a reminder has nothing left to warn of: only the escalation is recorded.
      const due = n.deadline <= now ? (['overdue'] as NoticeStep[]) : NOTICE_STEPS.filter((s) => noticeStepAt(n, s) <= now);
      if (!due.length) return { noticeId, siteId: n.siteId, steps: [] };
      const inserted = await queryRows<StepRow<NoticeStep>>(
        em,
        `INSERT INTO patrol_steps (site_id, subject, subject_id, step, due_at, recorded_at)
         SELECT $1, 'notice', $2, s.step, s.due_at, $3 FROM unnest($4::varchar[], $5::timestamptz[]) AS s(step, due_at)
         ON CONFLICT (subject, subject_id, step) DO NOTHING RETURNING step`,
        [n.siteId, n.id, now, due, due.map((s) => noticeStepAt(n, s))],
      );
      const steps = inserted.map((r) => r.step);
      if (steps.includes('remind'))
        await em.query(`UPDATE patrol_notices SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL`, [n.id, now]);
      if (steps.includes('overdue'))
        await em.query(`UPDATE patrol_notices SET escalated_at = $2 WHERE id = $1 AND escalated_at IS NULL`, [n.id, now]);
      return { noticeId, siteId: n.siteId, steps };
    });
  }

  /** Open notices of the site with a step whose time has passed but is not recorded (catch-up after an outage). */
  async advanceSite(siteId: string, now: Date): Promise<NoticeAdvance[]> {
    const rows = await queryRows<IdRow>(
      this.ds,
      `SELECT id FROM patrol_notices WHERE site_id = $1 AND status = 'open'
         AND ((reminded_at IS NULL AND remind_at <= $2 AND deadline > $2) OR (escalated_at IS NULL AND deadline <= $2)) ORDER BY deadline`,
      [siteId, now],
    );
    const out: NoticeAdvance[] = [];
    for (const { id } of rows) {
      const r = await this.advanceNotice(id, now);
      if (r?.steps.length) out.push(r);
    }
    return out;
  }
}
