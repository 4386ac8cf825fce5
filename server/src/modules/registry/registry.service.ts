import { Injectable, Optional } from '@nestjs/common';
import { queryOne } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { SiteEvents } from './site-events';
import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { Department } from './department.entity';
import { CreateDepartmentDto, UpdateDepartmentDto } from './dtos/department.dto';
import { badField } from '../../core/validation/input-validation';
import { CreateServiceItemDto, UpdateServiceItemDto } from './dtos/service-item.dto';
import { CreateStaffDto, UpdateStaffDto } from './dtos/staff.dto';
import { CreateWindowDto, UpdateWindowDto } from './dtos/window.dto';
import { HallWindow } from './hall-window.entity';
import { auditedChange, auditEntry, findSite, setFields } from './registry-change';
import { conflict, ScopedResource } from './registry-errors';
import {
  DepartmentView,
  departmentView,
  RefKind,
  ServiceItemView,
  serviceItemView,
  StaffView,
  staffView,
  UnknownReferenceView,
  WindowView,
  windowView,
} from './registry-views';
import { applyChanges, insertScoped, listScoped, requireScoped, ScopedRow } from './scoped-store';
import { ServiceItem } from './service-item.entity';
import { Site } from './site.entity';
import { StaffMember } from './staff-member.entity';

// What each site holds: departments, windows, the staff roster and service items, and the
// codes events named that none of them has. Constructed with a DataSource so that the CLI
// can use it without Nest; every change takes the acting person for the audit hook.
@Injectable()
export class RegistryService {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly events?: DomainEventBus<SiteEvents>,
    @Optional() private readonly clock: Clock = new Clock(),
  ) {}

  listDepartments(siteCode: string): Promise<DepartmentView[]> {
    return this.listScoped(siteCode, Department, 'r.code', departmentView);
  }

  getDepartment(siteCode: string, code: string): Promise<DepartmentView> {
    return this.getScoped(siteCode, code, Department, 'department', departmentView);
  }

  async createDepartment(actor: string, siteCode: string, input: CreateDepartmentDto): Promise<DepartmentView> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      const row = await insertScoped(em, Department, 'department', site, input.code, () =>
        em.save(
          em.create(Department, {
            siteId: site.id,
            code: input.code,
            name: input.name,
            nameEn: input.nameEn ?? null,
            waitTargetSec: input.waitTargetSec ?? null,
            expectedToStation: input.expectedToStation ?? true,
            expectedStaff: input.expectedStaff ?? null,
          }),
        ),
      );
      return { view: departmentView(row), audit: auditEntry(actor, 'create', 'department', site, input.code, setFields(input)) };
    });
  }

  /** `retired` stamps or clears the retirement; the rest are the department's own columns. */
  updateDepartment(actor: string, siteCode: string, code: string, input: UpdateDepartmentDto): Promise<DepartmentView> {
    const { retired, ...fields } = input;
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      const row = await requireScoped(em, Department, 'department', site, code);
      const changed = applyChanges(row, fields as Partial<Department>);
      if (retired !== undefined && retired !== (row.retiredAt !== null)) {
        row.retiredAt = retired ? this.clock.now() : null;
        changed.push('retired');
      }
      if (changed.length) await em.save(row);
      return { view: departmentView(row), audit: auditEntry(actor, 'update', 'department', site, code, changed) };
    });
  }

  /** Refused while windows, staff or service items still name the department: they would point at nothing. */
  async deleteDepartment(actor: string, siteCode: string, code: string): Promise<void> {
    await auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      const row = await requireScoped(em, Department, 'department', site, code);
      const where = { siteId: site.id, departmentCode: code };
      // One after another: the transaction's single connection runs one query at a time.
      const windows = await em.countBy(HallWindow, where);
      const staff = await em.countBy(StaffMember, where);
      const items = await em.countBy(ServiceItem, where);
      // Accounts live in another module; their binding is read by table, not by entity, to keep the modules apart.
      const accounts =
        (
          await queryOne<{ n: number }>(em, `SELECT count(*)::int AS n FROM user_sites WHERE site_id = $1 AND department_code = $2`, [
            site.id,
            code,
          ])
        )?.n ?? 0;
      const users = [
        plural(windows, 'window'),
        plural(staff, 'staff member'),
        plural(items, 'service item'),
        plural(accounts, 'department account'),
      ].filter(Boolean);
      if (users.length)
        throw conflict(
          `Department "${code}" of site "${site.code}" is still referenced by ${users.join(', ')}; reassign or delete them first`,
        );
      await em.delete(Department, { id: row.id });
      return { view: undefined, audit: auditEntry(actor, 'delete', 'department', site, code, []) };
    });
  }

  listWindows(siteCode: string): Promise<WindowView[]> {
    return this.listScoped(siteCode, HallWindow, 'r.number IS NULL, r.number, r.code', windowView);
  }

  getWindow(siteCode: string, code: string): Promise<WindowView> {
    return this.getScoped(siteCode, code, HallWindow, 'window', windowView);
  }

  async createWindow(actor: string, siteCode: string, input: CreateWindowDto): Promise<WindowView> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      await this.requireDepartment(em, site, input.departmentCode);
      const row = await insertScoped(em, HallWindow, 'window', site, input.code, () =>
        em.save(
          em.create(HallWindow, {
            siteId: site.id,
            code: input.code,
            number: input.number ?? null,
            departmentCode: input.departmentCode ?? null,
            kind: input.kind ?? 'general',
            isOpen: input.isOpen ?? true,
          }),
        ),
      );
      return { view: windowView(row), audit: auditEntry(actor, 'create', 'window', site, input.code, setFields(input)) };
    });
  }

  /** Also opens and closes a window (isOpen), e.g. a tidal window at a peak. */
  updateWindow(actor: string, siteCode: string, code: string, input: UpdateWindowDto): Promise<WindowView> {
    return this.updateScoped(actor, siteCode, code, HallWindow, 'window', input, input.departmentCode, windowView);
  }

  deleteWindow(actor: string, siteCode: string, code: string): Promise<void> {
    return this.deleteScoped(actor, siteCode, code, HallWindow, 'window');
  }

  listStaff(siteCode: string): Promise<StaffView[]> {
    return this.listScoped(siteCode, StaffMember, 'r.code', staffView);
  }

  getStaff(siteCode: string, code: string): Promise<StaffView> {
    return this.getScoped(siteCode, code, StaffMember, 'staff', staffView);
  }

  async createStaff(actor: string, siteCode: string, input: CreateStaffDto): Promise<StaffView> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      await this.requireDepartment(em, site, input.departmentCode);
      const row = await insertScoped(em, StaffMember, 'staff', site, input.code, () =>
        em.save(
          em.create(StaffMember, {
            siteId: site.id,
            code: input.code,
            name: input.name,
            departmentCode: input.departmentCode ?? null,
            onRoster: input.onRoster ?? true,
          }),
        ),
      );
      return { view: staffView(row), audit: auditEntry(actor, 'create', 'staff', site, input.code, setFields(input)) };
    });
  }

  /** Taking someone off the roster is `onRoster: false`; the code stays known to events. */
  updateStaff(actor: string, siteCode: string, code: string, input: UpdateStaffDto): Promise<StaffView> {
    return this.updateScoped(actor, siteCode, code, StaffMember, 'staff', input, input.departmentCode, staffView);
  }

  deleteStaff(actor: string, siteCode: string, code: string): Promise<void> {
    return this.deleteScoped(actor, siteCode, code, StaffMember, 'staff');
  }

  listServiceItems(siteCode: string): Promise<ServiceItemView[]> {
    return this.listScoped(siteCode, ServiceItem, 'r.code', serviceItemView);
  }

  getServiceItem(siteCode: string, code: string): Promise<ServiceItemView> {
    return this.getScoped(siteCode, code, ServiceItem, 'service_item', serviceItemView);
  }

  async createServiceItem(actor: string, siteCode: string, input: CreateServiceItemDto): Promise<ServiceItemView> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      await this.requireDepartment(em, site, input.departmentCode);
      const row = await insertScoped(em, ServiceItem, 'service_item', site, input.code, () =>
        em.save(
          em.create(ServiceItem, {
            siteId: site.id,
            code: input.code,
            name: input.name,
            departmentCode: input.departmentCode ?? null,
            negativeList: input.negativeList ?? false,
          }),
        ),
      );
      return { view: serviceItemView(row), audit: auditEntry(actor, 'create', 'service_item', site, input.code, setFields(input)) };
    });
  }

  updateServiceItem(actor: string, siteCode: string, code: string, input: UpdateServiceItemDto): Promise<ServiceItemView> {
    return this.updateScoped(actor, siteCode, code, ServiceItem, 'service_item', input, input.departmentCode, serviceItemView);
  }

  deleteServiceItem(actor: string, siteCode: string, code: string): Promise<void> {
    return this.deleteScoped(actor, siteCode, code, ServiceItem, 'service_item');
  }

  /**
   * Codes that events named but the registry lacks, computed against the registry at read
   * time rather than deleted when the code is created: an ingest that checked the registry
   * just before a create commits can still record the code afterwards, and a code deleted
   * later reappears with its history. So creating the missing row is all it takes.
   */
  async listUnknownReferences(siteCode: string, kind?: RefKind): Promise<UnknownReferenceView[]> {
    const site = await findSite(this.ds.manager, siteCode);
    const rows: Array<{ kind: RefKind; code: string; first_seen: Date; last_seen: Date; event_count: number }> = await this.ds.query(
      `SELECT u.kind, u.code, u.first_seen, u.last_seen, u.event_count FROM unknown_references u
       WHERE u.site_id = $1 AND ($2::varchar IS NULL OR u.kind = $2)
         AND NOT (u.kind = 'department' AND EXISTS (SELECT 1 FROM departments d WHERE d.site_id = u.site_id AND d.code = u.code))
         AND NOT (u.kind = 'window' AND EXISTS (SELECT 1 FROM windows w WHERE w.site_id = u.site_id AND w.code = u.code))
         AND NOT (u.kind = 'staff' AND EXISTS (SELECT 1 FROM staff s WHERE s.site_id = u.site_id AND s.code = u.code))
       ORDER BY u.last_seen DESC, u.kind, u.code`,
      [site.id, kind ?? null],
    );
    return rows.map((r) => ({
      kind: r.kind,
      code: r.code,
      firstSeen: new Date(r.first_seen).toISOString(),
      lastSeen: new Date(r.last_seen).toISOString(),
      eventCount: Number(r.event_count),
    }));
  }

  /** A retired department takes nothing new; a row it already holds may keep it (`current`). */
  private async requireDepartment(em: EntityManager, site: Site, code: string | null | undefined, current?: string | null): Promise<void> {
    if (code === null || code === undefined) return;
    const department = await em.findOneBy(Department, { siteId: site.id, code });
    if (!department)
      throw badField('departmentCode', `departmentCode "${code}" is not a department of site "${site.code}"; create the department first`);
    if (department.retiredAt && code !== current)
      throw badField('departmentCode', `departmentCode "${code}" is a retired department of site "${site.code}"; restore it first`);
  }

  private async listScoped<E extends ScopedRow, V>(
    siteCode: string,
    target: EntityTarget<E>,
    order: string,
    view: (e: E) => V,
  ): Promise<V[]> {
    const site = await findSite(this.ds.manager, siteCode);
    return (await listScoped(this.ds.manager, target, site.id, order)).map(view);
  }

  private async getScoped<E extends ScopedRow, V>(
    siteCode: string,
    code: string,
    target: EntityTarget<E>,
    resource: ScopedResource,
    view: (e: E) => V,
  ): Promise<V> {
    const site = await findSite(this.ds.manager, siteCode);
    return view(await requireScoped(this.ds.manager, target, resource, site, code));
  }

  private updateScoped<E extends ScopedRow, V>(
    actor: string,
    siteCode: string,
    code: string,
    target: EntityTarget<E>,
    resource: ScopedResource,
    input: Partial<E>,
    departmentCode: string | null | undefined,
    view: (e: E) => V,
  ): Promise<V> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      const row = await requireScoped(em, target, resource, site, code);
      await this.requireDepartment(em, site, departmentCode, (row as { departmentCode?: string | null }).departmentCode);
      const changed = applyChanges(row, input);
      if (changed.length) await em.getRepository(target).save(row);
      return { view: view(row), audit: auditEntry(actor, 'update', resource, site, code, changed) };
    });
  }

  private deleteScoped<E extends ScopedRow>(
    actor: string,
    siteCode: string,
    code: string,
    target: EntityTarget<E>,
    resource: ScopedResource,
  ): Promise<void> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, siteCode);
      const row = await requireScoped(em, target, resource, site, code);
      await em.getRepository(target).createQueryBuilder().delete().where('id = :id', { id: row.id }).execute();
      return { view: undefined, audit: auditEntry(actor, 'delete', resource, site, code, []) };
    });
  }
}

const plural = (n: number, noun: string): string => (n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`);
