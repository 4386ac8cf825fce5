import { ESCALATION_KIND, type OutgoingMessage } from '@hallwatch/shared';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { deadlineDay, nthWorkingDayAfter } from '../../core/time/working-calendar';
import { addDays, zonedInstant } from '../../core/time/zoned-time';
import { readExceptions } from '../calendar/calendar-store';
import { OPEN_CASE } from '../reviews/follow-up-views';
import { clip, hallTime, mentionsOf, type Mentionable } from './alert-messages';
import { AlertDispatcher } from './alert-dispatcher';
import { ruleTakes } from './rule-matching';
import { recipientsByIds, rulesCovering, siteAndAbove } from './rule-store';

interface OverdueCase {
  id: string;
  site_id: string;
  site_name: string;
  timezone: string;
  kind: 'review' | 'complaint';
  department: string | null;
  department_name: string | null;
  resolve_due_at: Date;
}

/** First the department's head, at the deadline; one working day later the office's leader. */
export const ESCALATION_STAGES = [1, 2] as const;
type Stage = (typeof ESCALATION_STAGES)[number];

/** The end of the working day after the deadline's day, in the site's calendar. */
export function secondStageAt(due: Date, timeZone: string, calendar: Parameters<typeof nthWorkingDayAfter>[2]): Date {
  return zonedInstant(addDays(nthWorkingDayAfter(deadlineDay(due, timeZone), 1, calendar), 1), '00:00', timeZone);
}

/**
 * The escalation chain of a follow-up still open at its deadline. The first stage follows the
 * follow-up deadline job (it marks the case overdue at the deadline); the second counts one
 * working day on the hall's calendar from the deadline's day. Each stage goes once per rule.
 */
@Injectable()
export class EscalationsService {
  private readonly logger = new Logger(EscalationsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly dispatcher: AlertDispatcher,
  ) {}

  /** Sends every stage that has come and not yet gone; returns how many messages were sent or held. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const cases: OverdueCase[] = await this.ds.query(
      `SELECT c.id, c.site_id, s.name AS site_name, s.timezone, c.kind, c.department, d.name AS department_name, c.resolve_due_at
       FROM follow_up_cases c JOIN sites s ON s.id = c.site_id
       LEFT JOIN departments d ON d.site_id = c.site_id AND d.code = c.department
       WHERE ${OPEN_CASE} AND c.resolve_overdue_at IS NOT NULL AND c.resolve_due_at <= $1
       ORDER BY c.resolve_due_at, c.id LIMIT 2000`,
      [now],
    );
    let n = 0;
    for (const c of cases) {
      const rules = (await rulesCovering(this.ds.manager, c.site_id)).filter((r) => ruleTakes(r, ESCALATION_KIND, 'breach'));
      if (!rules.length) continue;
      const due = new Date(c.resolve_due_at);
      const from = deadlineDay(due, c.timezone);
      const calendar = await readExceptions(this.ds.manager, c.site_id, from, addDays(from, 30));
      const stages: Stage[] = now >= secondStageAt(due, c.timezone, calendar) ? [1, 2] : [1];
      for (const stage of stages) {
        const people = await this.dutyHolders(c, stage);
        for (const rule of rules) {
          const key = `esc:${rule.id}:${c.id}:${stage}:${due.toISOString()}`;
          const [done] = await this.ds.query(`SELECT 1 FROM alert_dispatches WHERE dedupe_key = $1`, [key]);
          if (done) continue;
          const to = people.length ? people : await recipientsByIds(this.ds.manager, rule.recipientIds);
          try {
            if ((await this.dispatcher.dispatch(rule, c.timezone, message(c, stage, to), key)) !== 'already') n++;
          } catch (err) {
            this.logger.warn(`escalation ${stage} of case ${c.id} through rule ${rule.id}: ${(err as Error).message}`);
          }
        }
      }
    }
    return n;
  }

  /** Stage 1: the heads of the case's department at its site; stage 2: the leaders of the nearest office above or at it. */
  private async dutyHolders(c: OverdueCase, stage: Stage): Promise<Mentionable[]> {
    if (stage === 1)
      return this.ds.query(
        `SELECT name, mobile, user_id AS "userId", email FROM alert_recipients
         WHERE site_id = $1 AND department IS NOT DISTINCT FROM $2 AND duty = 'department_head' ORDER BY name, id`,
        [c.site_id, c.department],
      );
    for (const siteId of await siteAndAbove(this.ds.manager, c.site_id)) {
      const leaders: Mentionable[] = await this.ds.query(
        `SELECT name, mobile, user_id AS "userId", email FROM alert_recipients WHERE site_id = $1 AND duty = 'office_leader' ORDER BY name, id`,
        [siteId],
      );
      if (leaders.length) return leaders;
    }
    return [];
  }
}

function message(c: OverdueCase, stage: Stage, people: readonly Mentionable[]): OutgoingMessage {
  const what = c.kind === 'complaint' ? '投诉' : '差评';
  const dept = c.department_name ?? c.department ?? '未注明部门';
  const title = `【回访逾期·${stage === 1 ? '部门负责人' : '分管领导'}】${c.site_name} · ${dept}${what}未按期办结`;
  const lines = [
    `### ${title}`,
    `- 部门：${dept}`,
    `- 办结期限：${hallTime(new Date(c.resolve_due_at.getTime() - 60_000), c.timezone)}`,
    stage === 1 ? '- 请部门负责人督促办结。' : '- 逾期已超过一个工作日，请分管领导督办。',
    ...(people.length ? ['', people.map((p) => (p.mobile ? `@${p.mobile}` : `@${p.name}`)).join(' ')] : []),
  ];
  return {
    topic: 'followup.escalation',
    siteId: c.site_id,
    title: title.slice(0, 200),
    markdown: clip(lines.join('\n')),
    mentions: mentionsOf(people),
  };
}
