import type { Role } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { CredentialEvents } from './credential-events';
import { SessionEndReason, UserSession } from './entities/user-session.entity';
import { hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens';
import { queryCount } from '../../core/database/typed-query';

// A session's last-seen time is written at most this often, not on every request.
const TOUCH_EVERY_MS = 10_000;

export interface LiveSession {
  sessionId: string;
  userId: string;
  username: string;
  role: Role;
  sites: string[] | 'all';
  /** The department a `department` account is bound to; null for every other role. */
  department: string | null;
  mustChangePassword: boolean;
  expiresAt: Date;
}

interface SessionRow {
  id: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  username: string;
  role: Role;
  all_sites: boolean;
  must_change_password: boolean;
  password_changed_at: Date;
  disabled_at: Date | null;
  sites: string[];
  department: string | null;
}

// A site granted brings the sites under it (docs/contracts/users.md, the three tiers): a town centre's account
// sees its village stations, a district hall's its town centres and their stations. A department account
// stays in its one site: the sites below have departments of their own, which may even share its code.
const SITES_IN_SCOPE = `WITH RECURSIVE scope(id) AS (
    SELECT us.site_id FROM user_sites us WHERE us.user_id = u.id
    UNION SELECT c.id FROM sites c JOIN scope ON c.parent_id = scope.id WHERE u.role <> 'department')
  SELECT st.code FROM scope JOIN sites st ON st.id = scope.id ORDER BY st.code`;

const DEPARTMENT_BOUND = `SELECT us.department_code FROM user_sites us
  WHERE us.user_id = u.id AND u.role = 'department' AND us.department_code IS NOT NULL LIMIT 1`;

@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: CredentialEvents,
  ) {}

  private get idleMs(): number {
    return this.config.SESSION_IDLE_MINUTES * 60_000;
  }

  private get absoluteMs(): number {
    return this.config.SESSION_ABSOLUTE_HOURS * 3600_000;
  }

  /** Opens a session; the clear token is returned once and only its hash is stored. */
  async open(userId: string, address: string | null, userAgent: string | null): Promise<{ token: string; session: UserSession }> {
    const now = this.clock.now();
    const token = newToken(SESSION_TOKEN_PREFIX);
    const session = await this.ds.getRepository(UserSession).save({
      userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.absoluteMs),
      endedAt: null,
      endReason: null,
      address,
      userAgent,
    });
    return { token, session };
  }

  /** The live session of a token, touched; null when unknown, ended, idle too long or past its absolute end. */
  async resolve(token: string): Promise<LiveSession | null> {
    if (!token.startsWith(SESSION_TOKEN_PREFIX) || token.length > 100) return null;
    const rows: SessionRow[] = await this.ds.query(
      `SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.username, u.role, u.all_sites, u.must_change_password,
              u.password_changed_at, u.disabled_at,
              ARRAY(${SITES_IN_SCOPE}) AS sites, (${DEPARTMENT_BOUND}) AS department
       FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.ended_at IS NULL`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    const now = this.clock.now();
    const ending = this.endReasonAt(row, now);
    if (ending) {
      await this.end([row.id], ending);
      return null;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS)
      await this.ds.query(`UPDATE user_sessions SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL`, [row.id, now]);
    return {
      sessionId: row.id,
      userId: row.user_id,
      username: row.username,
      role: row.role,
      sites: row.all_sites ? 'all' : row.sites,
      department: row.department,
      mustChangePassword: row.must_change_password || this.passwordExpired(new Date(row.password_changed_at), now),
      expiresAt: new Date(row.expires_at),
    };
  }

  passwordExpired(changedAt: Date, now: Date): boolean {
    const days = this.config.PASSWORD_MAX_AGE_DAYS;
    return days > 0 && now.getTime() - changedAt.getTime() > days * 86_400_000;
  }

  /** Of these session ids, those still live now (for the socket sweep); does not touch them. */
  async stillLive(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const now = this.clock.now();
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT s.id FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY($1::uuid[]) AND s.ended_at IS NULL AND u.disabled_at IS NULL
         AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [ids, now, new Date(now.getTime() - this.idleMs)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Deletes sessions past their absolute expiry: none of them can be used again, and sign-in
   * and sign-out stay in the audit log. Returns how many went.
   */
  async purgeExpired(): Promise<number> {
    return queryCount(this.ds, `DELETE FROM user_sessions WHERE expires_at <= $1`, [this.clock.now()]);
  }

  /** Ends every open session of a user (sign-out, password change, role change, disabling). */
  async endAllOf(userId: string, reason: SessionEndReason, em: EntityManager = this.ds.manager): Promise<number> {
    const open = await em.getRepository(UserSession).find({ select: { id: true }, where: { userId, endedAt: IsNull() } });
    await this.end(
      open.map((s) => s.id),
      reason,
      em,
    );
    return open.length;
  }

  async end(ids: string[], reason: SessionEndReason, em: EntityManager = this.ds.manager): Promise<void> {
    if (!ids.length) return;
    await em.getRepository(UserSession).update({ id: In(ids), endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason });
    this.events.revoked(ids.map((id) => ({ kind: 'session', id })));
  }

  private endReasonAt(row: SessionRow, now: Date): SessionEndReason | null {
    if (row.disabled_at) return 'account';
    if (now.getTime() >= new Date(row.expires_at).getTime()) return 'absolute';
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= this.idleMs) return 'idle';
    return null;
  }
}
