import { fact, FactQuery, toDate } from './sql';

export interface DepartmentFact {
  code: string;
  name: string;
  nameEn: string | null;
  waitTargetSec: number | null;
}

export interface WindowFact {
  code: string;
  department: string | null;
  kind: string;
  isOpen: boolean;
  /** The number shown above the counter; absent where a caller does not need it. */
  number?: number | null;
}

export interface StaffFact {
  code: string;
  name: string;
  department: string | null;
  onRoster: boolean;
  lastSignedInAt: Date | null;
}

export interface RegistryFacts {
  departments: Map<string, DepartmentFact>;
  windows: Map<string, WindowFact>;
  staff: Map<string, StaffFact>;
}

interface DepartmentRow {
  code: string;
  name: string;
  name_en: string | null;
  wait_target_sec: number | null;
}
interface WindowRow {
  code: string;
  number: number | null;
  department_code: string | null;
  kind: string;
  is_open: boolean;
}
interface StaffRow {
  code: string;
  name: string;
  department_code: string | null;
  on_roster: boolean;
  last: string | Date | null;
}
export interface RegistryRows {
  departments: DepartmentRow[];
  windows: WindowRow[];
  staff: StaffRow[];
}

// The registry of one site is small (tens of departments, a few hundred staff), so it
// is read whole; the staff rows carry the latest sign-in that roster presence needs.
export const REGISTRY_QUERIES: Record<keyof RegistryRows, FactQuery> = {
  departments: fact<DepartmentRow>(`SELECT code, name, name_en, wait_target_sec FROM departments WHERE site_id = $1::uuid`, [
    'code',
    'name',
    'name_en',
    'wait_target_sec',
  ]),
  windows: fact<WindowRow>(`SELECT code, number, department_code, kind, is_open FROM windows WHERE site_id = $1::uuid`, [
    'code',
    'number',
    'department_code',
    'kind',
    'is_open',
  ]),
  staff: fact<StaffRow>(
    `SELECT s.code, s.name, s.department_code, s.on_roster, p.last_signed_in_at AS last
     FROM staff s LEFT JOIN staff_presence p ON p.site_id = s.site_id AND p.staff = s.code
     WHERE s.site_id = $1::uuid`,
    ['code', 'name', 'department_code', 'on_roster', 'last'],
  ),
};

export function registryFrom(rows: RegistryRows): RegistryFacts {
  return {
    departments: new Map(
      rows.departments.map((d) => [d.code, { code: d.code, name: d.name, nameEn: d.name_en, waitTargetSec: d.wait_target_sec }]),
    ),
    windows: new Map(
      rows.windows.map((w) => [w.code, { code: w.code, number: w.number, department: w.department_code, kind: w.kind, isOpen: w.is_open }]),
    ),
    staff: new Map(
      rows.staff.map((s) => [
        s.code,
        { code: s.code, name: s.name, department: s.department_code, onRoster: s.on_roster, lastSignedInAt: toDate(s.last) },
      ]),
    ),
  };
}
