import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { requestContext } from '../../core/auth/request-context';
import type { Actor } from './actor';

export interface AuditInput {
  action: string;
  /** Who acted, when the caller knows (else the request's principal); `actor` and the rest below win over it. */
  by?: Actor;
  /** Defaults to the request's principal, or "system" outside a request. */
  actor?: string;
  role?: string | null;
  target?: string | null;
  site?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the request's address and user agent. */
  address?: string | null;
  userAgent?: string | null;
  at?: Date;
}

// Keys whose values are secrets or personal data never reach the audit log, whoever calls.
const SECRET_KEY = /pass(word)?|token|secret|phone|mobile|id_?card|cookie|authorization/i;
const MOBILE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;
const ID_CARD = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Details without personal data: secret-looking keys dropped, phone and ID numbers masked. */
export function sanitizeDetails(value: unknown, depth = 0): unknown {
  if (depth > 4) return '…';
  if (typeof value === 'string') return value.slice(0, 500).replace(ID_CARD, '[id]').replace(MOBILE, '$1****$2');
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => sanitizeDetails(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = sanitizeDetails(v, depth + 1);
    return out;
  }
  return value;
}

const clip = (s: string | null | undefined, n: number): string | null => (s == null ? null : s.slice(0, n));

function auditValues(input: AuditInput): unknown[] {
  const ctx = input.by ?? requestContext();
  return [
    input.at ?? new Date(),
    clip(input.actor ?? ctx?.actor ?? 'system', 100),
    clip(input.role !== undefined ? input.role : (ctx?.role ?? null), 16),
    input.action.slice(0, 64),
    clip(input.target ?? null, 300),
    clip(input.site ?? null, 64),
    JSON.stringify(sanitizeDetails(input.details ?? {})),
    clip(input.address !== undefined ? input.address : (ctx?.address ?? null), 64),
    clip(input.userAgent !== undefined ? input.userAgent : (ctx?.userAgent ?? null), 300),
  ];
}

const INSERT = `INSERT INTO audit_log (at, actor, role, action, target, site, details, address, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id::text AS id`;

/**
 * Writes one audit entry. Call it with the transaction's manager so the entry commits with
 * the change it records (or neither does). Every module records a person's changes here.
 */
export async function recordAudit(em: EntityManager, input: AuditInput): Promise<void> {
  await auditEntry(em, input);
}

/** As recordAudit, giving the entry's id for a reply that cites it. */
export async function auditEntry(em: EntityManager, input: AuditInput): Promise<string> {
  const [row]: Array<{ id: string }> = await em.query(INSERT, auditValues(input));
  return row.id;
}

/**
 * Records a refused request as one row per caller (the account, or the address of a caller
 * without one), route, site and minute, counting the refusals in it. A client hammering a
 * closed route adds a row a minute, not one per request, and the first refusal of every minute
 * is written at once, whichever server instance answers (the unique bucket decides).
 */
export async function recordDenial(em: EntityManager, input: AuditInput & { target: string }): Promise<void> {
  const values = auditValues(input);
  const [at, actor, , , target, site, , address] = values as [
    Date,
    string,
    unknown,
    unknown,
    string,
    string | null,
    unknown,
    string | null,
  ];
  const caller = actor === 'anonymous' ? `address:${address ?? ''}` : `actor:${actor}`;
  const minute = Math.floor(at.getTime() / 60_000);
  const bucket = createHash('sha256')
    .update(JSON.stringify([input.action, minute, caller, target, site]))
    .digest('hex');
  await em.query(
    `INSERT INTO audit_log (at, actor, role, action, target, site, details, address, user_agent, bucket)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
     ON CONFLICT (bucket) DO UPDATE SET count = audit_log.count + 1`,
    [...values, bucket],
  );
}
