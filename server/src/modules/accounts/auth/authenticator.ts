import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DisplayTokensService } from '../display-tokens.service';
import { SessionsService } from '../sessions.service';
import { DISPLAY_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from '../tokens';
import { AppConfig } from '../../../core/config/app-config';
import { originAllowed, parseOrigins } from '../../../core/auth/origin-policy';
import { Principal } from '../../../core/auth/principal';
import { readCookie, SESSION_COOKIE } from '../../../core/auth/session-cookie';

/** The actor recorded for changes made with the break-glass admin token. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

export type AuthOutcome = { principal: Principal } | { principal: null; status: 401 | 403; reason: string };

// Hashing both sides first gives equal-length buffers, so the comparison's time does not
// reveal how much of the token matched, nor its length.
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SIGN_IN = 'sign in (POST /api/v1/auth/login) or send "Authorization: Bearer <token>"';

/** Turns a request's credential (session cookie, Bearer session/display token, or ADMIN_TOKEN) into a principal. */
@Injectable()
export class Authenticator {
  private readonly adminDigest: Buffer | null;
  readonly origins: string[];

  constructor(
    config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly displays: DisplayTokensService,
  ) {
    this.adminDigest = config.ADMIN_TOKEN ? digest(config.ADMIN_TOKEN) : null;
    this.origins = parseOrigins(config.CORS_ORIGINS);
  }

  async fromRequest(req: Request): Promise<AuthOutcome> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) return { principal: null, status: 401, reason: `Authorization must be "Bearer <token>"; or ${SIGN_IN}` };
      const principal = await this.fromToken(match[1], 'bearer');
      if (principal) return { principal };
      return { principal: null, status: 401, reason: this.unknownTokenReason(match[1]) };
    }
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (cookie) {
      // A cookie rides along on any request the browser makes; a changing request must come from an allowed page.
      if (!SAFE_METHODS.has(req.method) && !originAllowed(req.headers.origin, req.headers.host, this.origins))
        return { principal: null, status: 403, reason: 'Origin not allowed for a signed-in request' };
      const principal = await this.fromToken(cookie, 'cookie');
      if (principal) return { principal };
      return { principal: null, status: 401, reason: 'Session ended or expired; sign in again' };
    }
    return { principal: null, status: 401, reason: `Missing Authorization header: ${SIGN_IN}` };
  }

  /** A session or display token (sockets send either as `auth.token`), or the admin token. */
  async fromToken(token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
    if (token.startsWith(SESSION_TOKEN_PREFIX)) {
      const s = await this.sessions.resolve(token);
      if (!s) return null;
      return {
        kind: 'user',
        actor: s.username,
        role: s.role,
        userId: s.userId,
        sessionId: s.sessionId,
        sites: s.sites,
        department: s.department,
        mustChangePassword: s.mustChangePassword,
        via,
      };
    }
    if (token.startsWith(DISPLAY_TOKEN_PREFIX)) {
      const d = await this.displays.resolve(token);
      return d
        ? { kind: 'display', actor: `display:${d.prefix}`, role: 'display', tokenId: d.id, sites: [d.site], department: null }
        : null;
    }
    if (via === 'bearer' && this.adminDigest && timingSafeEqual(digest(token), this.adminDigest))
      return { kind: 'admin-token', actor: ADMIN_TOKEN_ACTOR, role: 'admin', sites: 'all', department: null };
    return null;
  }

  private unknownTokenReason(token: string): string {
    if (token.startsWith(SESSION_TOKEN_PREFIX)) return 'Session ended or expired; sign in again';
    if (token.startsWith(DISPLAY_TOKEN_PREFIX)) return 'Unknown or revoked display token';
    if (!this.adminDigest)
      return 'Unknown token. The admin token is off (the admin API is disabled until ADMIN_TOKEN is set for scripts); people sign in with their accounts';
    return 'Wrong token';
  }
}
