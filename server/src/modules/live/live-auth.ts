import { DISTRICT_DATA_ROLES, WALL_READER_ROLES } from '@hallwatch/shared';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisplayTokensService } from '../accounts/display-tokens.service';
import { recordAudit } from '../audit/audit-log';
import { SessionsService } from '../accounts/sessions.service';
import { Site } from '../registry/site.entity';
import { Authenticator } from '../accounts/auth/authenticator';
import { originAllowed } from '../../core/auth/origin-policy';
import { readCookie, SESSION_COOKIE } from '../../core/auth/session-cookie';
import { Clock } from '../../core/time/clock';

/** The credential a socket lives by; the sweep and revocations close its socket when it ends. */
export type LiveCredential = { kind: 'session' | 'display'; id: string };

export interface LivePrincipal {
  site: Site;
  actor: string;
  /** Null for the break-glass admin token, which no revocation ends. */
  credential: LiveCredential | null;
  /** 'district': the overview of every site under `site`, a district hall; 'site': the site's own wall. */
  scope: 'site' | 'district';
}

export interface LiveHandshake {
  auth: Record<string, unknown> | undefined;
  headers: Record<string, string | string[] | undefined>;
  address: string;
}

export const credentialRoom = (c: LiveCredential): string => `cred:${c.kind}:${c.id}`;

const header = (h: LiveHandshake['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

// Browsers cannot set headers on a websocket, so pages use `auth.token`; other clients may send the header.
const bearerOf = (value: string | undefined): string | null => /^Bearer\s+(\S+)$/i.exec(value ?? '')?.[1] ?? null;

// A wall with a revoked token retries every few seconds: one audit entry per address and reason a minute is enough.
const DENIAL_AUDIT_EVERY_MS = 60_000;

/**
 * The live socket's handshake (docs/contracts/live-socket.md): `auth.token` or `Authorization: Bearer` (a session or
 * display token) or the session cookie, a role that may read the wall over HTTP too, the site
 * within the credential's sites, and the page's Origin. There is no anonymous wall: a TV carries a display token.
 */
@Injectable()
export class LiveAuthenticator {
  private readonly logger = new Logger('live');
  private readonly lastDenial = new Map<string, number>();

  constructor(
    private readonly ds: DataSource,
    private readonly auth: Authenticator,
    private readonly sessions: SessionsService,
    private readonly displays: DisplayTokensService,
    private readonly clock: Clock,
  ) {}

  async authenticate(hs: LiveHandshake): Promise<LivePrincipal | null> {
    const wanted = typeof hs.auth?.site === 'string' && hs.auth.site ? hs.auth.site : null;
    if (!originAllowed(header(hs.headers, 'origin'), header(hs.headers, 'host'), this.auth.origins))
      return this.refuse(hs, 'origin not allowed', wanted);
    const explicit = typeof hs.auth?.token === 'string' && hs.auth.token ? hs.auth.token : bearerOf(header(hs.headers, 'authorization'));
    const cookie = explicit ? null : readCookie(header(hs.headers, 'cookie'), SESSION_COOKIE);
    const given = explicit ?? cookie;
    const p = given ? await this.auth.fromToken(given, explicit ? 'bearer' : 'cookie') : null;
    if (!p) return this.refuse(hs, given ? 'unknown, revoked or expired token' : 'no credential', wanted);
    if (p.kind === 'user' && p.mustChangePassword) return this.refuse(hs, 'password must be changed first', wanted, p.actor);
    const scope = hs.auth?.scope === 'district' ? 'district' : 'site';
    if (scope === 'district' && !(DISTRICT_DATA_ROLES as readonly string[]).includes(p.role))
      return this.refuse(hs, `role ${p.role} may not read the district overview`, wanted, p.actor);
    if (!(WALL_READER_ROLES as readonly string[]).includes(p.role))
      return this.refuse(hs, `role ${p.role} may not read the wall`, wanted, p.actor);
    const code = wanted ?? (p.sites !== 'all' && p.sites.length === 1 ? p.sites[0] : null);
    if (!code) return this.refuse(hs, 'no site named', wanted, p.actor);
    if (p.sites !== 'all' && !p.sites.includes(code))
      return this.refuse(hs, `site "${code}" is outside the credential's sites`, code, p.actor);
    const site = await this.ds.getRepository(Site).findOneBy({ code });
    if (!site) return this.refuse(hs, `no site "${code}"`, code, p.actor);
    if (scope === 'district' && site.tier !== 'hall')
      return this.refuse(hs, `site "${code}" is a ${site.tier} site, not a district hall`, code, p.actor);
    const credential: LiveCredential | null =
      p.kind === 'user' ? { kind: 'session', id: p.sessionId } : p.kind === 'display' ? { kind: 'display', id: p.tokenId } : null;
    return { site, actor: p.actor, credential, scope };
  }

  /** The credentials among these that still hold; the others' sockets are closed. */
  async stillValid(credentials: LiveCredential[]): Promise<Set<string>> {
    const ids = (kind: LiveCredential['kind']) => [...new Set(credentials.filter((c) => c.kind === kind).map((c) => c.id))];
    const [sessions, displays] = await Promise.all([this.sessions.stillLive(ids('session')), this.displays.stillLive(ids('display'))]);
    return new Set([...[...sessions].map((id) => `session:${id}`), ...[...displays].map((id) => `display:${id}`)]);
  }

  private async refuse(hs: LiveHandshake, reason: string, site: string | null, actor = 'anonymous'): Promise<null> {
    const key = `${hs.address}|${reason}`;
    const now = Date.now();
    if ((this.lastDenial.get(key) ?? 0) > now - DENIAL_AUDIT_EVERY_MS) return null;
    this.lastDenial.set(key, now);
    if (this.lastDenial.size > 10_000) this.lastDenial.clear();
    try {
      await recordAudit(this.ds.manager, {
        action: 'access.denied',
        actor,
        role: null,
        target: 'socket /live',
        site,
        details: { reason },
        address: hs.address.slice(0, 64) || null,
        userAgent: header(hs.headers, 'user-agent')?.slice(0, 300) ?? null,
        at: this.clock.now(),
      });
    } catch (err) {
      this.logger.warn(`live denial not audited: ${(err as Error).message}`);
    }
    return null;
  }
}
