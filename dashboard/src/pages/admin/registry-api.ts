import type { DepartmentView, ServiceItemImportResult, ServiceItemView, WindowView } from '@hallwatch/shared';
import { call, download, get } from '../../api';

// The registry's admin API: departments, the staff roster, service items and their sheet.

export interface StaffView {
  code: string;
  name: string;
  departmentCode: string | null;
  onRoster: boolean;
}

export type DepartmentInput = Pick<DepartmentView, 'name' | 'nameEn' | 'expectedToStation' | 'expectedStaff'> & { code?: string };
export type StaffInput = Omit<StaffView, 'code'> & { code?: string };
export type ServiceItemInput = Omit<ServiceItemView, 'code'> & { code?: string };

const site = (code: string) => `/api/v1/admin/sites/${encodeURIComponent(code)}`;
const one = (s: string, kind: string, code: string) => `${site(s)}/${kind}/${encodeURIComponent(code)}`;

/** Creates when the input has a code, else changes the row `code` names. */
const save = <T>(s: string, kind: string, code: string | null, input: object) =>
  code === null ? call<T>('POST', `${site(s)}/${kind}`, { body: input }) : call<T>('PATCH', one(s, kind, code), { body: input });

const sheetForm = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

export const registryApi = {
  departments: (s: string) => get<DepartmentView[]>(`${site(s)}/departments`),
  saveDepartment: (s: string, code: string | null, input: DepartmentInput) => save<DepartmentView>(s, 'departments', code, input),
  setRetired: (s: string, code: string, retired: boolean) =>
    call<DepartmentView>('PATCH', one(s, 'departments', code), { body: { retired } }),

  staff: (s: string) => get<StaffView[]>(`${site(s)}/staff`),
  saveStaff: (s: string, code: string | null, input: StaffInput) => save<StaffView>(s, 'staff', code, input),

  windows: (s: string) => get<WindowView[]>(`${site(s)}/windows`),
  setWindowDepartment: (s: string, code: string, departmentCode: string | null) =>
    call<WindowView>('PATCH', one(s, 'windows', code), { body: { departmentCode } }),

  serviceItems: (s: string) => get<ServiceItemView[]>(`${site(s)}/service-items`),
  saveServiceItem: (s: string, code: string | null, input: ServiceItemInput) => save<ServiceItemView>(s, 'service-items', code, input),
  previewSheet: (s: string, file: File) =>
    call<ServiceItemImportResult>('POST', `${site(s)}/service-item-sheet/preview`, { body: sheetForm(file) }),
  importSheet: (s: string, file: File) =>
    call<ServiceItemImportResult>('POST', `${site(s)}/service-item-sheet/import`, { body: sheetForm(file) }),
  template: (s: string) => download(`${site(s)}/service-item-sheet/template.xlsx`, {}, `service-items-${s}.xlsx`),
};
