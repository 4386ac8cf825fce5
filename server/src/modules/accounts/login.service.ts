import type { SignedInUser } from '@hallwatch/shared';
import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { recordAudit } from '../audit/audit-log';
import { KnownDevice } from './entities/known-device.entity';
import { User } from './entities/user.entity';
import { KnownDevicesService } from './known-devices';
import { hashPassword, needsRehash, verifyDummy, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { queryOne } from '../../core/database/typed-query';

/** Failures within the window after which the account is slowed down; the first delay, doubling each time, and its cap. */
export const BACKOFF_AFTER_FAILURES = 5;
export const BACKOFF_FIRST_MS = 30_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** Failures older than this no longer count, for an account or for an address. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

// One answer for every refusal, so that a caller learns nothing about which accounts exist.
export const LOGIN_REFUSED = 'Wrong username or password, or the account is locked for a while after repeated failures';

export interface Client {
  address: string | null;
  userAgent: string | null;
  /** The browser's hw_device cookie, if it has one. */
  device?: string | null;
}

export interface LoginResult {
  token: string;
  /** For the hw_device cookie: this browser is now known to the account. */
  deviceToken: string;
  expiresAt: Date;
  user: SignedInUser;
}

/**
 * Sign-in that an attacker cannot turn against the owner. An address with too many recent
 * failures is refused before any password is checked. Failures from elsewhere slow the account
 * down by a growing delay (30 s, doubling, at most 5 minutes) instead of locking it, and a
 * browser the owner signed in from before (its hw_device cookie) is not held back by them at
 * all. Failures are counted in PostgreSQL, which every instance shares (docs/security.md).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly devices: KnownDevicesService,
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
    const device = await this.devices.find(user.id, client.device ?? null);
    const ok = await verifyPassword(user.passwordHash, password);
    if (!device && user.lockedUntil && user.lockedUntil > now) {
      // Not counted: a guess during the delay says nothing and must not lengthen it.
      await this.audit(user.username, user.role, 'login.failed', client, now, {
        reason: 'backoff',
        until: user.lockedUntil.toISOString(),
      });
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    if (!ok) {
      if (device) await this.deviceFailure(user, device, client, now);
      else await this.countFailure(user, client, now, 'password');
      throw new UnauthorizedException(LOGIN_REFUSED);
    }
    await this.ds.query(`UPDATE users SET failed_logins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1`, [user.id]);
    if (needsRehash(user.passwordHash)) await this.ds.getRepository(User).update(user.id, { passwordHash: await hashPassword(password) });
    const deviceToken = await this.devices.remember(user.id, client.device ?? null, now);
    const { token, session } = await this.sessions.open(user.id, client.address, client.userAgent);
    await this.audit(user.username, user.role, 'login', client, now, { session: session.id });
    const live = await this.sessions.resolve(token);
    if (!live) throw new UnauthorizedException(LOGIN_REFUSED);
    return {
      token,
      deviceToken,
      expiresAt: session.expiresAt,
      user: {
        username: live.username,
        role: live.role,
        sites: live.sites,
        department: live.department,
        mustChangePassword: live.mustChangePassword,
      },
    };
  }

  /** A wrong password (at sign-in, or as the current password when changing it) slows the account down. */
  async countFailure(user: User, client: Client, now: Date, reason: string): Promise<void> {
    const row = await queryOne<{ failed_logins: number }>(
      this.ds,
      `UPDATE users SET
         failed_logins = CASE WHEN last_failed_at IS NULL OR last_failed_at <= $2 THEN 1 ELSE failed_logins + 1 END,
         last_failed_at = $3
       WHERE id = $1 RETURNING failed_logins`,
      [user.id, new Date(now.getTime() - FAILURE_WINDOW_MS), now],
    );
    const failures = row?.failed_logins ?? 0;
    await this.audit(user.username, user.role, 'login.failed', client, now, { reason, failures });
    if (failures < BACKOFF_AFTER_FAILURES) return;
    const delay = Math.min(BACKOFF_FIRST_MS * 2 ** (failures - BACKOFF_AFTER_FAILURES), BACKOFF_MAX_MS);
    const until = new Date(now.getTime() + delay);
    await this.ds.query(`UPDATE users SET locked_until = $2 WHERE id = $1`, [user.id, until]);
    await this.audit(user.username, user.role, 'login.backoff', client, now, { failures, until: until.toISOString() });
  }

  /** A wrong password from a known browser counts against that browser, not the account. */
  private async deviceFailure(user: User, device: KnownDevice, client: Client, now: Date): Promise<void> {
    await this.audit(user.username, user.role, 'login.failed', client, now, { reason: 'password', knownDevice: true });
    if (await this.devices.wrongPassword(device)) await this.audit(user.username, user.role, 'login.device.forgotten', client, now, {});
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
