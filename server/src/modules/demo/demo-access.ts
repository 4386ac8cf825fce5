import { randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
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
import { Department } from '../registry/department.entity';
import { Site } from '../registry/site.entity';
import { UserSite } from '../accounts/entities/user-site.entity';
import { DEMO_DEPARTMENTS, DEMO_SITE } from './demo-hall';
import type { RegisterClerks } from './register-client';

export const DEMO_USERNAME = 'demo';

/** The demo hall's department account of a department (gjj → gjj.huiji). */
export const demoDepartmentUsername = (code: string): string => `${code}.${DEMO_SITE.code}`;

export interface DemoAccess {
  site: string;
  /** A fresh display token for the demo hall's wall, shown once. */
  displayToken: string;
  /** Null when an administrator has disabled the demo account. */
  signIn: { username: string; password: string } | null;
  /**
   * One password for every demo department's own account (`<code>.huiji`, role department),
   * or null when none is left enabled.
   */
  departments: { example: string; count: number; password: string } | null;
}

// Four groups of base64url, easy to copy from a terminal, ~96 bits; drawn again in the rare
// case the policy refuses one (it must not contain a username it is for).
function newPassword(usernames: readonly string[] = [DEMO_USERNAME]): string {
  for (;;) {
    const p = (randomBytes(12).toString('base64url').match(/.{4}/g) ?? []).join('-');
    if (usernames.every((u) => !passwordProblem(p, u))) return p;
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
    return { site: DEMO_SITE.code, displayToken: issued.token, signIn, departments: await departmentAccounts(ds, clock, sessions) };
  });
}

/**
 * One account per demo department (role department, bound to it), so that the department page can
 * be tried as each department sees it. They share one password, drawn anew at every demo start
 * like the demo admin's and hashed once; a disabled one stays disabled and is not reset.
 */
async function departmentAccounts(ds: DataSource, clock: Clock, sessions: SessionsService): Promise<DemoAccess['departments']> {
  const site = await ds.getRepository(Site).findOneByOrFail({ code: DEMO_SITE.code });
  const registered = new Set(
    (await ds.getRepository(Department).findBy({ siteId: site.id, code: In(DEMO_DEPARTMENTS.map((d) => d.code)) })).map((d) => d.code),
  );
  const codes = DEMO_DEPARTMENTS.map((d) => d.code).filter((c) => registered.has(c));
  const usernames = codes.map(demoDepartmentUsername);
  const password = newPassword(usernames);
  const hash = await hashPassword(password);
  const now = clock.now();
  const existing = new Map((await ds.getRepository(User).findBy({ username: In(usernames) })).map((u) => [u.username, u]));
  let enabled = 0;
  await ds.transaction(async (em) => {
    for (const code of codes) {
      const username = demoDepartmentUsername(code);
      const user = existing.get(username);
      if (user?.disabledAt) continue;
      enabled++;
      if (user) {
        await em.update(User, user.id, {
          passwordHash: hash,
          passwordChangedAt: now,
          mustChangePassword: false,
          lockedUntil: null,
          failedLogins: 0,
        });
        await sessions.endAllOf(user.id, 'password', em);
        await recordAudit(em, { action: 'user.password.reset', target: `user:${username}`, details: { by: 'demo start' }, at: now });
        continue;
      }
      const made = await em.getRepository(User).save({
        username,
        role: 'department',
        allSites: false,
        passwordHash: hash,
        passwordChangedAt: now,
        mustChangePassword: false,
        failedLogins: 0,
        lastFailedAt: null,
        lockedUntil: null,
        disabledAt: null,
      });
      await em.insert(UserSite, { userId: made.id, siteId: site.id, departmentCode: code });
      await recordAudit(em, {
        action: 'user.create',
        target: `user:${username}`,
        details: { role: 'department', sites: [site.code], department: code, by: 'demo start' },
        at: now,
      });
    }
  });
  return enabled ? { example: usernames[0], count: enabled, password } : null;
}

/** The two supervisors who keep the demo hall's outing and leave register: one files, the other decides. */
export const DEMO_CLERKS = { filer: 'demo-zhk', approver: 'demo-dcs' } as const;

/**
 * The register's clerks for the simulator, with fresh passwords it alone knows (made or reset at
 * every start, as the demo's own account is); null when an administrator has disabled either, or
 * the site is not there.
 */
export async function demoClerks(ds: DataSource, config: AppConfig, site: string): Promise<RegisterClerks | null> {
  if (!(await ds.getRepository(Site).existsBy({ code: site }))) return null;
  const clock = new Clock(config);
  const sessions = new SessionsService(ds, clock, config, new CredentialEvents());
  return runWithContext({ actor: 'demo', role: 'admin', address: null, userAgent: 'hallwatch simulate' }, async () => {
    const out: Partial<RegisterClerks> = {};
    for (const [part, username] of Object.entries(DEMO_CLERKS) as Array<[keyof RegisterClerks, string]>) {
      const password = newPassword([username]);
      const user = await ds.getRepository(User).findOneBy({ username });
      if (!user) await new UsersService(ds, clock, sessions).create('all', { username, role: 'supervisor', password, sites: [site] });
      else if (user.disabledAt) return null;
      else await resetPassword(ds, clock, sessions, user, password);
      out[part] = { username, password };
    }
    return out as RegisterClerks;
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
  if (access.departments)
    lines.push(
      `Demo department sign-ins (进驻部门, ${access.departments.count} accounts, one per department): username "<department code>.${access.site}", e.g. "${access.departments.example}", password "${access.departments.password}" (all of them; a new password at every demo start)`,
    );
  return lines.join('\n');
}
