import type { CallbackAnswer, ClosureDisproved } from '@hallwatch/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { Site } from '../registry/site.entity';
import { RollupService } from '../trends/rollup.service';
import { recordClosure } from '../reviews/callback-draws';
import { reopenClosure } from '../reviews/callback-reopen';
import { CallbackWeeklyDrawService } from '../reviews/callback-weekly-draw.service';
import { DEMO_SITE } from './demo-hall';

// 回访核实 in the demo hall: the follow-ups its history closed (written straight into the cases,
// as people and time left them, not through the confirming call) are recorded as closures and
// drawn by the real rules, the share as each closed and each handler's weekly minimum of the
// last weeks; then the supervision office has called two of them back, one found never contacted.

/** The office's caller in the demo: neither handler of the history's cases nor anyone who acted on them. */
const VERIFIER = 'duchake-zhang';

const ANSWERS: Array<{ answer: CallbackAnswer; note: string }> = [
  { answer: 'confirmed', note: '群众确认已接到回访电话，问题已解决' },
  { answer: 'not_contacted', note: '群众表示至今无工作人员与其联系' },
];

interface DrawnRow {
  id: string;
  case_id: string;
  kind: 'review' | 'complaint';
  source_id: string;
  department: string | null;
  source_day: string;
}

interface ClosedCase {
  id: string;
  department: string | null;
  closed_at: Date;
  handler: string;
}

/**
 * Records the demo hall's closures and draws them, once: false when the hall has any callback
 * record already, or no closed follow-up to record.
 */
export async function ensureDemoCallbacks(ds: DataSource, config: AppConfig, now: Date): Promise<boolean> {
  const site = await ds.getRepository(Site).findOneBy({ code: DEMO_SITE.code });
  if (!site) return false;
  const recorded = await ds.transaction(async (em) => {
    if (await queryOne(em, `SELECT 1 AS one FROM callback_checks WHERE site_id = $1 LIMIT 1`, [site.id])) return 0;
    const closed = await queryRows<ClosedCase>(
      em,
      `SELECT c.id, c.department, c.closed_at, a.actor AS handler FROM follow_up_cases c
       CROSS JOIN LATERAL (SELECT actor FROM follow_up_actions WHERE case_id = c.id AND kind = 'confirmation'
                           ORDER BY at DESC LIMIT 1) a
       WHERE c.site_id = $1 AND c.status = 'closed' AND c.closed_at <= $2
       ORDER BY c.closed_at, c.id`,
      [site.id, now],
    );
    for (const c of closed)
      await recordClosure(em, site, config.PHONE_SECRET, {
        caseId: c.id,
        department: c.department,
        handler: c.handler,
        closedAt: new Date(c.closed_at),
        disproved: false,
      });
    return closed.length;
  });
  if (!recorded) return false;
  // Each handler's weekly minimum of the finished weeks, as the hourly job would draw it.
  const clock = new Clock(config);
  clock.setNow(now);
  await new CallbackWeeklyDrawService(ds, clock).drawWeeklyMinimum();
  await ds.transaction((em) => answerTwo(em, site, now));
  return true;
}

/** The latest two drawn closures of two departments, called back: one confirmed, one falsified. */
async function answerTwo(em: EntityManager, site: Site, now: Date): Promise<void> {
  const drawn = await queryRows<DrawnRow>(
    em,
    `SELECT DISTINCT ON (k.department) k.id, k.case_id, c.kind, c.source_id, k.department,
       COALESCE(r.service_day, (c.opened_at AT TIME ZONE $3)::date)::text AS source_day
     FROM callback_checks k JOIN follow_up_cases c ON c.id = k.case_id
     LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
     WHERE k.site_id = $1 AND k.drawn_at IS NOT NULL AND k.answer IS NULL AND c.status = 'closed'
       AND NOT EXISTS (SELECT 1 FROM follow_up_actions a WHERE a.case_id = c.id AND a.actor = $2)
     ORDER BY k.department, k.drawn_at DESC, k.id`,
    [site.id, VERIFIER, site.timezone],
  );
  for (const [i, k] of drawn.slice(0, ANSWERS.length).entries()) {
    const { answer, note } = ANSWERS[i];
    await em.query(`UPDATE callback_checks SET answer = $2, note = $3, called_at = $4, verified_by = $5, verified_at = $4 WHERE id = $1`, [
      k.id,
      answer,
      note,
      now,
      VERIFIER,
    ]);
    await em.query(
      `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome) VALUES ($1, 'verification', NULL, $2, $3, $4, $5)`,
      [k.case_id, now, VERIFIER, note, answer === 'confirmed'],
    );
    if (answer !== 'confirmed') {
      await reopenClosure(em, site, { caseId: k.case_id, kind: k.kind, sourceId: k.source_id }, answer as ClosureDisproved, now);
      // The reopened case counts as due and not on time in the trends once the rollups fold this day again.
      await RollupService.mark(em, site.id, [k.source_day]);
    }
  }
}
