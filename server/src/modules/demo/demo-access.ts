import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { runWithContext } from '../../core/auth/request-context';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { recordAudit } from '../audit/audit-log';
import { CredentialEvents } from '../accounts/credential-events';
import { DisplayTokensService } from '../accounts/display-tokens.service';
import { User } from '../accounts/entities/user.entity';
import { hashPassword } from '../accounts/password-hasher';
import { passwordProblem } from '../accounts/password-policy';
import { SessionsService } from '../accounts/sessions.service';
import { UsersService } from '../accounts/users.service';
import { Site } from '../registry/site.entity';
import { DEMO_SITE } from './demo-hall';

export const DEMO_USERNAME = 'demo';

export interface DemoAccess {
  site: string;
  /** A fresh display token for the demo hall's wall, shown once. */
  displayToken: string;
  /** Null when an administrator has disabled the demo account. */
  signIn: { username: string; password: string } | null;
}

// Four groups of base64url, easy to copy from a terminal, ~96 bits; drawn again in the rare
// case the policy refuses one (it must not contain the username).
function newPassword(): string {
  for (;;) {
    const p = (randomBytes(12).toString('base64url').match(/.{4}/g) ?? []).join('-');
    if (!passwordProblem(p, DEMO_USERNAME)) return p;
  }
}

/**
 * What a new user of `npm start` needs now that nothing is anonymous: a display token for the
 * demo wall and an all-sites admin to sign in with. Both are issued at every demo start, since
 * neither can be read back from the database: the account's password is replaced (ending its
 * sessions), and earlier demo tokens keep working until revoked. Null without the demo hall.
 */
export async function demoAccess(ds: DataSource, config: AppConfig): Promise<DemoAccess | null> {
  if (!(await ds.getRepository(Site).existsBy({ code: DEMO_SITE.code }))) return null;
  const clock = new Clock(config);
  const events = new CredentialEvents();
  const sessions = new SessionsService(ds, clock, config, events);
  return runWithContext({ actor: 'demo', role: 'admin', address: null, userAgent: 'hallwatch --demo' }, async () => {
    const issued = await new DisplayTokensService(ds, clock, events).create(DEMO_SITE.code, 'demo wall', 'demo');
    if (!issued) return null;
    const password = newPassword();
    const user = await ds.getRepository(User).findOneBy({ username: DEMO_USERNAME });
    if (!user)
      await new UsersService(ds, clock, sessions).create('all', { username: DEMO_USERNAME, role: 'admin', password, allSites: true });
    else if (!user.disabledAt) await resetPassword(ds, clock, sessions, user, password);
    const signIn = user?.disabledAt ? null : { username: DEMO_USERNAME, password };
    return { site: DEMO_SITE.code, displayToken: issued.token, signIn };
  });
}

// Not UsersService.setPassword: that makes the person choose a new one at once, which a demo need not ask.
async function resetPassword(ds: DataSource, clock: Clock, sessions: SessionsService, user: User, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await ds.transaction(async (em) => {
    await em.update(User, user.id, {
      passwordHash: hash,
      passwordChangedAt: clock.now(),
      mustChangePassword: false,
      lockedUntil: null,
      failedLogins: 0,
    });
    await sessions.endAllOf(user.id, 'password', em);
    await recordAudit(em, {
      action: 'user.password.reset',
      target: `user:${user.username}`,
      details: { by: 'demo start' },
      at: clock.now(),
    });
  });
}

/** The lines `npm start` prints so that a new user finds the wall and a way in. */
export function describeDemoAccess(access: DemoAccess, baseUrl: string): string {
  const wall = `${baseUrl}/wall?site=${access.site}&token=${access.displayToken}`;
  const lines = [`Demo wall (display token, read-only): ${wall}`];
  if (access.signIn)
    lines.push(
      `Demo sign-in at ${baseUrl}/login: username "${access.signIn.username}", password "${access.signIn.password}" (admin of every site; a new password at every demo start)`,
    );
  return lines.join('\n');
}
