import type { DepartmentView, ServiceItemView, SiteView, StaffView, UnknownReferenceView, WindowView } from '@hallwatch/shared';
import { RefKind } from '../projections/reference-check';
import { Department } from './department.entity';
import { HallWindow } from './hall-window.entity';
import { ServiceItem } from './service-item.entity';
import { Site } from './site.entity';
import { StaffMember } from './staff-member.entity';

export type { DepartmentView, RefKind, ServiceItemView, SiteView, StaffView, UnknownReferenceView, WindowView };
export const REF_KINDS: readonly RefKind[] = ['department', 'window', 'staff'];

// What the admin API and CLI show: codes, never internal ids, so a site's registry can be
// exported and re-created elsewhere. The views the dashboard reads are declared in shared/.

export const siteView = (s: Site, parent: string | null): SiteView => ({
  code: s.code,
  name: s.name,
  nameEn: s.nameEn,
  tier: s.tier,
  parent,
  timezone: s.timezone,
  createdAt: new Date(s.createdAt).toISOString(),
});

export const departmentView = (d: Department): DepartmentView => ({
  code: d.code,
  name: d.name,
  nameEn: d.nameEn,
  waitTargetSec: d.waitTargetSec,
  expectedToStation: d.expectedToStation,
  expectedStaff: d.expectedStaff,
  retiredAt: d.retiredAt ? new Date(d.retiredAt).toISOString() : null,
});

export const windowView = (w: HallWindow): WindowView => ({
  code: w.code,
  number: w.number,
  departmentCode: w.departmentCode,
  kind: w.kind,
  isOpen: w.isOpen,
});

export const staffView = (s: StaffMember): StaffView => ({
  code: s.code,
  name: s.name,
  departmentCode: s.departmentCode,
  onRoster: s.onRoster,
});

export const serviceItemView = (i: ServiceItem): ServiceItemView => ({
  code: i.code,
  name: i.name,
  departmentCode: i.departmentCode,
  negativeList: i.negativeList,
});
