import type { SignedInUser } from '@hallwatch/shared';
import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { recordAudit } from './audit-log';
import { User } from './entities/user.entity';
import { hashPassword, needsRehash, verifyDummy, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Failures older than this no longer count, for an account or for an address. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

// One answer for every refusal, so that a caller learns nothing about which accounts exist.
export const LOGIN_REFUSED = 'Wrong username or password, or the account is locked for a while after repeated failures';

export interface Client {
  address: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SignedInUser;
}

/**
 * Sign-in with lockout that an attacker cannot turn against everyone: an address with too many
 * recent failures is refused before any password is checked, so its attempts never count
 * against an account; only failures from addresses in good standing move an account toward its
 * 15-minute lock. Failures are counted from the audit log, which every instance shares.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  async login(usernameInput: string, password: string, client: Client): Promise<LoginResult> {
    const now = this.clock.now();
    const username = usernameInput.trim().toLowerCase();
    await this.refuseThrottledAddress(client, now);
    const user = await this.ds.getRepository(User).findOneBy({ username });
    if (!user || user.disabledAt) {
      if (!user) await verifyDummy(password);
      else await verifyPassword(user.passwordHash, password);
      // Unknown names are not recorded: people type their password into the name field.
      await this.audit(user ? user.username : 'anonymous', user?.role ?? null, 'login.failed', client, now, {
        reason: user ? 'disabled' : 'unknown-user',
      });
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit(user.username, user.role, 'login.failed', client, now, {
        reason: 'locked',
        lockedUntil: user.lockedUntil.toISOString(),
      });
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    if (!ok) {
      await this.countFailure(user, client, now, 'password');
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    await this.ds.query(`UPDATE users SET failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1`, [user.id]);
    if (needsRehash(user.passwordHash)) await this.ds.getRepository(User).update(user.id, { passwordHash: await hashPassword(password) });
    const { token, session } = await this.sessions.open(user.id, client.address, client.userAgent);
    await this.audit(user.username, user.role, 'login', client, now, { session: session.id });
    const live = await this.sessions.resolve(token);
    if (!live) throw new UnauthorizedException(LOGIN_REFUSED);
    return {
      token,
      expiresAt: session.expiresAt,
      user: { username: live.username, role: live.role, sites: live.sites, mustChangePassword: live.mustChangePassword },
    };
  }

  /** A wrong password (at sign-in, or as the current password when changing it) moves the account toward its lock. */
  async countFailure(user: User, client: Client, now: Date, reason: string): Promise<void> {
    // An UPDATE through TypeORM answers [rows, affected].
    const [[row]]: [Array<{ failed_logins: number }>, number] = await this.ds.query(
      `UPDATE users SET
         failed_logins = CASE WHEN last_failed_at IS NULL OR last_failed_at <= $2 THEN 1 ELSE failed_logins + 1 END,
         last_failed_at = $3
       WHERE id = $1 RETURNING failed_logins`,
      [user.id, new Date(now.getTime() - FAILURE_WINDOW_MS), now],
    );
    await this.audit(user.username, user.role, 'login.failed', client, now, { reason, failures: row?.failed_logins ?? 0 });
    if ((row?.failed_logins ?? 0) < LOCKOUT_FAILURES) return;
    const until = new Date(now.getTime() + LOCKOUT_MS);
    await this.ds.query(`UPDATE users SET locked_until = $2, failed_logins = 0, last_failed_at = NULL WHERE id = $1`, [user.id, until]);
    await this.audit(user.username, user.role, 'login.lockout', client, now, { until: until.toISOString() });
  }

  private async refuseThrottledAddress(client: Client, now: Date): Promise<void> {
    if (!client.address) return;
    const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const [{ n, oldest }]: Array<{ n: number; oldest: Date | null }> = await this.ds.query(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM audit_log WHERE action = 'login.failed' AND address = $1 AND at > $2`,
      [client.address, since],
    );
    if (n < this.config.LOGIN_ADDRESS_FAILURES) return;
    const retryAfter = oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000)) : 60;
    await this.audit('anonymous', null, 'login.throttled', client, now, { failures: n });
    throw new HttpException(
      { statusCode: 429, message: 'Too many failed sign-ins from this address; try again later', retryAfterSeconds: retryAfter },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private audit(
    actor: string,
    role: string | null,
    action: string,
    client: Client,
    at: Date,
    details: Record<string, unknown>,
  ): Promise<void> {
    return recordAudit(this.ds.manager, {
      actor,
      role,
      action,
      target: actor === 'anonymous' ? null : `user:${actor}`,
      details,
      address: client.address,
      userAgent: client.userAgent,
      at,
    });
  }
}
