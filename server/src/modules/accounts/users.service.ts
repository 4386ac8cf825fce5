import type { Role, UserView } from '@hallwatch/shared';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { isUniqueViolation } from '../registry/registry-errors';
import { Department } from '../registry/department.entity';
import { Site } from '../registry/site.entity';
import { recordAudit } from '../audit/audit-log';
import { CreateUserDto, UpdateUserDto } from './dtos/user.dto';
import { UserSite } from './entities/user-site.entity';
import { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { SessionsService } from './sessions.service';

/** The sites of whoever acts: an admin's sites, or "all" (an all-sites admin, the admin token, the CLI). */
export type Scope = readonly string[] | 'all';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (id: string) => new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No user with id "${id}"` });

/** An admin limited to some sites manages only accounts whose every site is one of theirs. */
const manages = (scope: Scope, sites: string[] | 'all'): boolean =>
  scope === 'all' || (sites !== 'all' && sites.length > 0 && sites.every((s) => scope.includes(s)));

interface Binding {
  sites: string[];
  department: string | null;
}

/**
 * A `department` account belongs to one department of one site (docs/contracts/users.md); the
 * other roles name no department. Checked before anything is stored; whether the department
 * exists is checked against the registry in the transaction.
 */
function departmentProblem(role: Role, sites: string[] | 'all', department: string | undefined | null): Error | null {
  if (role !== 'department')
    return department ? badField('department', `department is only for the role department; a ${role} account names none`) : null;
  if (sites === 'all') return badField('allSites', 'a department account belongs to one site: give sites with one site code, not allSites');
  if (sites.length !== 1) return badField('sites', `a department account belongs to exactly one site; sites names ${sites.length}`);
  if (!department) return badField('department', 'department is required for the role department: a department code of its site');
  return null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
  ) {}

  async create(scope: Scope, input: CreateUserDto): Promise<UserView> {
    const username = input.username.toLowerCase();
    const problem = passwordProblem(input.password, username);
    if (problem) throw badField('password', problem);
    const sites = this.requestedSites(scope, input.allSites ?? false, input.sites);
    const unbound = departmentProblem(input.role, sites, input.department);
    if (unbound) throw unbound;
    const department = input.role === 'department' ? input.department! : null;
    const hash = await hashPassword(input.password);
    try {
      const id = await this.ds.transaction(async (em) => {
        const siteRows = sites === 'all' ? [] : await this.findSites(em, sites);
        if (department) await this.requireDepartment(em, siteRows[0], department);
        const user = await em.getRepository(User).save({
          username,
          role: input.role,
          allSites: sites === 'all',
          passwordHash: hash,
          passwordChangedAt: this.clock.now(),
          mustChangePassword: false,
          failedLogins: 0,
          lastFailedAt: null,
          lockedUntil: null,
          disabledAt: null,
        });
        if (siteRows.length)
          await em.insert(
            UserSite,
            siteRows.map((s) => ({ userId: user.id, siteId: s.id, departmentCode: department })),
          );
        await recordAudit(em, {
          action: 'user.create',
          target: `user:${username}`,
          details: { role: input.role, sites, ...(department ? { department } : {}) },
          at: this.clock.now(),
        });
        return user.id;
      });
      return this.get(scope, id);
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          field: 'username',
          message: `A user named "${username}" already exists`,
        });
      throw err;
    }
  }

  async list(scope: Scope): Promise<UserView[]> {
    const users = await this.ds.getRepository(User).find({ order: { username: 'ASC' } });
    const bindings = await this.bindingsOf(users.map((u) => u.id));
    return users.map((u) => this.view(u, bindings.get(u.id))).filter((v) => manages(scope, v.sites));
  }

  async get(scope: Scope, id: string): Promise<UserView> {
    const user = UUID.test(id) ? await this.ds.getRepository(User).findOneBy({ id }) : null;
    if (!user) throw notFound(id);
    const view = this.view(user, (await this.bindingsOf([user.id])).get(user.id));
    if (!manages(scope, view.sites)) throw notFound(id);
    return view;
  }

  /** Role, sites or disabling change what a session may do: every session of the account ends. */
  async update(scope: Scope, id: string, input: UpdateUserDto): Promise<UserView> {
    const current = await this.get(scope, id);
    const fields = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (!fields.length) return current;
    let nextSites = current.sites;
    if (input.allSites === true) nextSites = this.requestedSites(scope, true, undefined);
    else if (input.sites !== undefined || input.allSites === false)
      nextSites = this.requestedSites(scope, false, input.sites ?? (current.sites === 'all' ? [] : current.sites));
    const nextRole = input.role ?? current.role;
    const problem = departmentProblem(nextRole, nextSites, input.department ?? (nextRole === 'department' ? current.department : null));
    if (problem) throw problem;
    const nextDepartment = nextRole === 'department' ? (input.department ?? current.department) : null;
    await this.ds.transaction(async (em) => {
      const changes: Partial<User> = {};
      if (input.role) changes.role = input.role;
      if (input.disabled !== undefined) changes.disabledAt = input.disabled ? this.clock.now() : null;
      if (nextSites !== current.sites || nextDepartment !== current.department) {
        changes.allSites = nextSites === 'all';
        await em.delete(UserSite, { userId: id });
        if (nextSites !== 'all') {
          const rows = await this.findSites(em, nextSites);
          if (nextDepartment) await this.requireDepartment(em, rows[0], nextDepartment);
          if (rows.length)
            await em.insert(
              UserSite,
              rows.map((s) => ({ userId: id, siteId: s.id, departmentCode: nextDepartment })),
            );
        }
      }
      if (Object.keys(changes).length) await em.update(User, id, changes);
      await this.sessions.endAllOf(id, 'account', em);
      await recordAudit(em, { action: 'user.update', target: `user:${current.username}`, details: { fields }, at: this.clock.now() });
    });
    return this.get(scope, id);
  }

  /** An administrator sets a password (a forgotten one): the user must choose their own at next sign-in. */
  async setPassword(scope: Scope, id: string, password: string): Promise<void> {
    const user = await this.get(scope, id);
    const problem = passwordProblem(password, user.username);
    if (problem) throw badField('password', problem);
    await this.refuseCurrent(id, password, 'password');
    const hash = await hashPassword(password);
    await this.ds.transaction(async (em) => {
      await em.update(User, id, {
        passwordHash: hash,
        passwordChangedAt: this.clock.now(),
        mustChangePassword: true,
        lockedUntil: null,
        failedLogins: 0,
      });
      await this.sessions.endAllOf(id, 'password', em);
      await recordAudit(em, { action: 'user.password.reset', target: `user:${user.username}`, at: this.clock.now() });
    });
  }

  /** The user's own change, after the current password was checked: every session ends. */
  async changeOwnPassword(userId: string, username: string, password: string): Promise<void> {
    const problem = passwordProblem(password, username);
    if (problem) throw badField('newPassword', problem);
    await this.refuseCurrent(userId, password, 'newPassword');
    const hash = await hashPassword(password);
    await this.ds.transaction(async (em) => {
      await em.update(User, userId, { passwordHash: hash, passwordChangedAt: this.clock.now(), mustChangePassword: false });
      await this.sessions.endAllOf(userId, 'password', em);
      await recordAudit(em, { action: 'password.change', target: `user:${username}`, at: this.clock.now() });
    });
  }

  // A "change" to the same password would leave a suspected-compromised password in place.
  private async refuseCurrent(userId: string, password: string, field: string): Promise<void> {
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: userId });
    if (await verifyPassword(user.passwordHash, password)) throw badField(field, `${field} must differ from the current password`);
  }

  async unlock(scope: Scope, id: string): Promise<UserView> {
    const user = await this.get(scope, id);
    await this.ds.transaction(async (em) => {
      await em.update(User, id, { lockedUntil: null, failedLogins: 0, lastFailedAt: null });
      await recordAudit(em, { action: 'user.unlock', target: `user:${user.username}`, at: this.clock.now() });
    });
    return this.get(scope, id);
  }

  async endSessions(scope: Scope, id: string): Promise<{ ended: number }> {
    const user = await this.get(scope, id);
    return this.ds.transaction(async (em) => {
      const ended = await this.sessions.endAllOf(id, 'revoked', em);
      await recordAudit(em, { action: 'user.sessions.revoke', target: `user:${user.username}`, details: { ended }, at: this.clock.now() });
      return { ended };
    });
  }

  /** What the account will be scoped to, refusing sites beyond the acting admin's own. */
  private requestedSites(scope: Scope, allSites: boolean, sites: string[] | undefined): string[] | 'all' {
    if (allSites) {
      if (scope !== 'all') throw new ForbiddenException('Only an administrator of every site can make an account of every site');
      return 'all';
    }
    const list = [...new Set(sites ?? [])].sort();
    if (!list.length) throw badField('sites', 'sites must name at least one site (or set allSites)');
    const outside = scope === 'all' ? undefined : list.find((s) => !scope.includes(s));
    if (outside) throw new ForbiddenException(`Site "${outside}" is not one of your account's sites`);
    return list;
  }

  private async findSites(em: EntityManager, codes: readonly string[]): Promise<Site[]> {
    const rows = await em.findBy(Site, { code: In([...codes]) });
    const missing = codes.find((c) => !rows.some((r) => r.code === c));
    if (missing) throw badField('sites', `No site with code "${missing}"`);
    return rows;
  }

  private async requireDepartment(em: EntityManager, site: Site, code: string): Promise<void> {
    if (!(await em.existsBy(Department, { siteId: site.id, code })))
      throw badField('department', `No department with code "${code}" in the registry of site "${site.code}"`);
  }

  private async bindingsOf(userIds: string[]): Promise<Map<string, Binding>> {
    const out = new Map<string, Binding>();
    if (!userIds.length) return out;
    const rows = await queryRows<{ user_id: string; code: string; department_code: string | null }>(
      this.ds,
      `SELECT us.user_id, s.code, us.department_code FROM user_sites us JOIN sites s ON s.id = us.site_id
       WHERE us.user_id = ANY($1::uuid[]) ORDER BY s.code`,
      [userIds],
    );
    for (const r of rows) {
      const b = out.get(r.user_id) ?? { sites: [], department: null };
      b.sites.push(r.code);
      b.department ??= r.department_code;
      out.set(r.user_id, b);
    }
    return out;
  }

  private view(u: User, binding: Binding | undefined): UserView {
    return {
      id: u.id,
      username: u.username,
      role: u.role,
      sites: u.allSites ? 'all' : (binding?.sites ?? []),
      department: u.role === 'department' ? (binding?.department ?? null) : null,
      mustChangePassword: u.mustChangePassword,
      lockedUntil: u.lockedUntil && u.lockedUntil > this.clock.now() ? u.lockedUntil.toISOString() : null,
      disabled: u.disabledAt !== null,
      passwordChangedAt: u.passwordChangedAt.toISOString(),
      createdAt: u.createdAt.toISOString(),
    };
  }
}
