import type { FollowUpStatus } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { closeSource } from './follow-ups.service';

interface OrderCase {
  id: string;
  site_id: string;
  source_id: string;
  status: FollowUpStatus;
  opened_at: Date;
  first_contact_at: Date | null;
  resolved_at: Date | null;
  platform_closed_at: Date | null;
  platform_status: string | null;
  /** When the platform made the change that is its latest word (its closing, withdrawal or reopening). */
  said_at: Date | null;
  day: string;
}

const DONE: ReadonlySet<FollowUpStatus> = new Set(['closed', 'withdrawn']);
const PLATFORM_ENDS: Record<string, FollowUpStatus> = { closed: 'closed', withdrawn: 'withdrawn' };

/** Where a case reopened by its platform stands: the steps it had already taken still stand. */
const reopenedStatus = (c: OrderCase): FollowUpStatus =>
  !c.first_contact_at ? 'awaiting_contact' : !c.resolved_at ? 'in_progress' : 'awaiting_confirmation';

/**
 * Brings the follow-up cases of these work orders in line with their platform's latest word
 * (docs/contracts/reviews.md, "Work orders"): an order the platform closed (办结归档) or withdrew
 * (撤单) closes its open case, as of when the platform did it; a case the platform had closed opens
 * again when the platform's latest word is a reopening (重办). The platform's state is itself settled
 * from every change whatever order they came in, so the cases are too. A case the desk closed
 * (the confirming call) stays closed. In the ingest transaction, after the cases of the batch opened.
 * Returns the complaints' hall days whose rates moved.
 */
export async function settlePlatformClosures(em: EntityManager, siteId: string, orders: string[]): Promise<string[]> {
  if (!orders.length) return [];
  const cases = await queryRows<OrderCase>(
    em,
    `SELECT c.id, c.site_id, c.source_id, c.status, c.opened_at, c.first_contact_at, c.resolved_at, c.platform_closed_at,
       p.platform_status,
       (SELECT u.occurred_at FROM complaint_order_updates u WHERE u.site_id = p.site_id AND u.work_order = p.work_order
          AND u.change = p.platform_status ORDER BY u.occurred_at DESC, u.event_id DESC LIMIT 1) AS said_at,
       (p.occurred_at AT TIME ZONE s.timezone)::date::text AS day
     FROM follow_up_cases c JOIN complaints p ON p.site_id = c.site_id AND p.event_id = c.source_id JOIN sites s ON s.id = c.site_id
     WHERE c.site_id = $1 AND c.kind = 'complaint' AND p.work_order = ANY($2::varchar[])
     ORDER BY c.id FOR UPDATE OF c`,
    [siteId, orders],
  );
  const days = new Set<string>();
  for (const c of cases) {
    const end = c.platform_status ? PLATFORM_ENDS[c.platform_status] : undefined;
    const byPlatform = c.platform_closed_at !== null;
    if (end) {
      // Never before the case opened: an order may be closed on the platform before it reaches the hall.
      const at = new Date(Math.max(c.opened_at.getTime(), (c.said_at ?? c.opened_at).getTime()));
      const open = !DONE.has(c.status);
      const differs = byPlatform && (c.status !== end || c.platform_closed_at!.getTime() !== at.getTime());
      if (!open && !differs) continue;
      await em.query(`UPDATE follow_up_cases SET status = $2, closed_at = $3, platform_closed_at = $3, updated_at = now() WHERE id = $1`, [
        c.id,
        end,
        at,
      ]);
      await em.query(`UPDATE complaints SET closed_at = NULL WHERE site_id = $1 AND event_id = $2`, [c.site_id, c.source_id]);
      await closeSource(em, { site_id: c.site_id, kind: 'complaint', source_id: c.source_id }, at);
      await platformAction(em, c.id, at, c.platform_status!);
    } else if (byPlatform) {
      // The deadline jobs are queued afresh (scheduled_at null); they are keyed, so none runs twice.
      await em.query(
        `UPDATE follow_up_cases SET status = $2, closed_at = NULL, platform_closed_at = NULL, scheduled_at = NULL, updated_at = now()
         WHERE id = $1`,
        [c.id, reopenedStatus(c)],
      );
      await em.query(`UPDATE complaints SET closed_at = NULL WHERE site_id = $1 AND event_id = $2`, [c.site_id, c.source_id]);
      await platformAction(em, c.id, c.said_at ?? c.opened_at, c.platform_status ?? 'reopened');
    } else continue;
    days.add(c.day);
  }
  return [...days].sort();
}

async function platformAction(em: EntityManager, caseId: string, at: Date, change: string): Promise<void> {
  await em.query(
    `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome) VALUES ($1, 'platform', NULL, $2, 'platform', $3, NULL)`,
    [caseId, at, change],
  );
}
