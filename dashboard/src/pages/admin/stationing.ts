import type { DepartmentView } from '@hallwatch/shared';
import type { StaffView } from './registry-api';

export interface DepartmentStationing {
  department: DepartmentView;
  onRoster: number;
  /** On the roster against the department's published list; null when it publishes none. */
  shortOfList: number | null;
}

export interface Stationing {
  /** Active departments expected in the hall, each with its staff on the roster. */
  expected: DepartmentStationing[];
  /** Of those, how many have anyone on the roster. */
  stationed: number;
  onRoster: number;
  /** The expected departments that publish a list (进驻表): the sum of their lists, and their staff on the roster. */
  listed: number;
  listedOnRoster: number;
}

/**
 * The 进驻 figures of rectification item 48: departments expected in the hall against those with
 * anyone on the roster, and each department's roster against its published list. Retired
 * departments and staff taken off the roster count for nothing.
 */
export function stationing(departments: DepartmentView[], staff: StaffView[]): Stationing {
  const count = new Map<string, number>();
  for (const s of staff) if (s.onRoster && s.departmentCode) count.set(s.departmentCode, (count.get(s.departmentCode) ?? 0) + 1);
  const expected = departments
    .filter((d) => d.expectedToStation && !d.retiredAt)
    .map((department) => {
      const onRoster = count.get(department.code) ?? 0;
      const shortOfList = department.expectedStaff === null ? null : Math.max(0, department.expectedStaff - onRoster);
      return { department, onRoster, shortOfList };
    });
  return {
    expected,
    stationed: expected.filter((e) => e.onRoster > 0).length,
    onRoster: expected.reduce((n, e) => n + e.onRoster, 0),
    listed: expected.reduce((n, e) => n + (e.department.expectedStaff ?? 0), 0),
    listedOnRoster: expected.reduce((n, e) => n + (e.department.expectedStaff === null ? 0 : e.onRoster), 0),
  };
}
