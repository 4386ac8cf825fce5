import type { ClosureDisproved, FollowUpKind } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { Site } from '../registry/site.entity';
import { calendarFor, caseDeadlines } from './follow-up-opening';

/**
 * Opens a case again whose closure a second callback did not confirm (docs/contracts/reviews.md,
 * "Callbacks verified"), as if its false steps had not happened: deadlines anew from `now` on the
 * working calendar, the review's or complaint's follow-up open again, the deadline jobs to be queued
 * afresh (scheduled_at null: the scheduling kick or the sweep queues them), and the case marked with
 * what the second call found. In the caller's transaction.
 */
export async function reopenClosure(
  em: EntityManager,
  site: Site,
  c: { caseId: string; kind: FollowUpKind; sourceId: string },
  answer: ClosureDisproved,
  now: Date,
): Promise<void> {
  const due = caseDeadlines(site, now, await calendarFor(em, site, [now]));
  const notContacted = answer === 'not_contacted';
  await em.query(
    `UPDATE follow_up_cases SET status = $2, first_contact_at = CASE WHEN $3::bool THEN NULL ELSE first_contact_at END,
       resolved_at = NULL, closed_at = NULL, reopened_at = $4, contact_due_at = $5, resolve_due_at = $6,
       contact_overdue_at = NULL, resolve_overdue_at = NULL, scheduled_at = NULL,
       disproved = CASE WHEN $3::bool OR disproved = 'not_contacted' THEN 'not_contacted' ELSE $7 END, updated_at = $4
     WHERE id = $1`,
    [c.caseId, notContacted ? 'awaiting_contact' : 'in_progress', notContacted, now, due.contactDueAt, due.resolveDueAt, answer],
  );
  if (c.kind === 'review')
    await em.query(`UPDATE reviews SET follow_up_open = true WHERE site_id = $1 AND event_id = $2 AND NOT excluded`, [site.id, c.sourceId]);
  else await em.query(`UPDATE complaints SET closed_at = NULL WHERE site_id = $1 AND event_id = $2`, [site.id, c.sourceId]);
}
