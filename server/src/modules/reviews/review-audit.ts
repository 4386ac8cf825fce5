import type { ReviewAuditView } from '@hallwatch/shared';
import { Request } from 'express';
import { EntityManager } from 'typeorm';

/** Who is acting and from where, taken from the admin request. */
export interface Actor {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

/** The guards leave who is calling on the request: a principal once accounts exist, else the admin token's name. */
type GuardedRequest = Request & { adminActor?: string; principal?: { actor: string } };

export function actorFrom(req: GuardedRequest): Actor {
  const ua = req.headers['user-agent'];
  return {
    actor: req.principal?.actor ?? req.adminActor ?? 'unknown',
    ip: req.ip ?? req.socket?.remoteAddress ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
  };
}

/** For work done by the system itself (jobs, the CLI). */
export const systemActor = (name: string): Actor => ({ actor: name, ip: null, userAgent: null });

export interface AuditRecord {
  action: string;
  siteId: string | null;
  subject: string;
  detail?: Record<string, unknown>;
}

/** Writes one audit entry in the caller's transaction, so it commits with the change it records. */
export async function writeAudit(em: EntityManager, who: Actor, at: Date, record: AuditRecord): Promise<string> {
  const [row]: Array<{ id: string }> = await em.query(
    `INSERT INTO review_audit_log (at, actor, action, site_id, subject, detail, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [at, who.actor, record.action, record.siteId, record.subject, JSON.stringify(record.detail ?? {}), who.ip, who.userAgent],
  );
  return row.id;
}

export async function readAudit(em: EntityManager, siteId: string, limit: number, subject?: string): Promise<ReviewAuditView[]> {
  const rows: Array<{
    id: string;
    at: Date;
    actor: string;
    action: string;
    site: string | null;
    subject: string;
    detail: Record<string, unknown>;
    ip: string | null;
    user_agent: string | null;
  }> = await em.query(
    `SELECT a.id::text AS id, a.at, a.actor, a.action, s.code AS site, a.subject, a.detail, a.ip, a.user_agent
     FROM review_audit_log a LEFT JOIN sites s ON s.id = a.site_id
     WHERE a.site_id = $1 AND ($3::text IS NULL OR a.subject = $3) ORDER BY a.at DESC, a.id DESC LIMIT $2`,
    [siteId, limit, subject ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    site: r.site,
    subject: r.subject,
    detail: r.detail,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}
