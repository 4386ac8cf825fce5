import type { ReviewAuditView } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';

/**
 * The acts of the follow-up work, the part of the audit log the review audit route reads:
 * phone numbers revealed, follow-up steps, appeals, second callbacks (回访核实), calendar edits,
 * and the ratings refused as already rated (one rating per visit).
 */
export const REVIEW_AUDIT_ACTIONS: readonly string[] = [
  'phone.reveal',
  'follow-up.contact',
  'follow-up.resolution',
  'follow-up.confirmation',
  'follow-up.return',
  'appeal.file',
  'appeal.decide',
  'callback.verify',
  'callback.verify.refused',
  'calendar.set',
  'calendar.remove',
  'rating.refused',
];

/**
 * The key under which the migration that merged the review trail into the audit log keeps an
 * entry's former id, so that undoing it gives the same ids back; it is not part of the detail.
 */
export const FORMER_ID_KEY = 'reviewAuditId';

export async function readAudit(em: EntityManager, siteCode: string, limit: number, subject?: string): Promise<ReviewAuditView[]> {
  const rows: Array<{
    id: string;
    at: Date;
    actor: string;
    action: string;
    site: string | null;
    subject: string | null;
    detail: Record<string, unknown>;
    address: string | null;
    user_agent: string | null;
  }> = await em.query(
    `SELECT id::text AS id, at, actor, action, site, target AS subject, details - $5::text AS detail, address, user_agent
     FROM audit_log WHERE site = $1 AND action = ANY($4::text[]) AND ($3::text IS NULL OR target = $3)
     ORDER BY at DESC, id DESC LIMIT $2`,
    [siteCode, limit, subject ?? null, REVIEW_AUDIT_ACTIONS, FORMER_ID_KEY],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    site: r.site,
    subject: r.subject ?? '',
    detail: r.detail,
    ip: r.address,
    userAgent: r.user_agent,
  }));
}
