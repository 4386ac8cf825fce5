import type { DepartmentView } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from './form-errors';
import { registryApi, StaffView } from './registry-api';
import { registryWords } from './registry-form';
import './registry-i18n';
import './registry.css';
import { FieldError } from './SecretOnce';
import { StationingSummary } from './StationingSummary';
import type { AdminTabProps } from './tab-props';
import { useSiteList } from './useAdmin';
import { RegistryFormButtons } from './RegistryFormButtons';

const FIELDS = ['code', 'name', 'departmentCode', 'onRoster'] as const;
const BLANK = { code: '', name: '', departmentCode: '', onRoster: true };

/** The staff roster by department, each with its windows, and the 进驻 figures above it. */
export function StaffTab({ site, lang, fail }: Pick<AdminTabProps, 'site' | 'lang' | 'fail'>) {
  const { t, i18n } = useTranslation('registry');
  const { rows, reload } = useSiteList(site, registryApi.staff, fail);
  const departments = useSiteList(site, registryApi.departments, fail).rows ?? [];
  const windows = useSiteList(site, registryApi.windows, fail).rows ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const label = (d: DepartmentView) => (lang === 'en' && d.nameEn) || d.name;
  const active = departments.filter((d) => !d.retiredAt);

  const edit = (s: StaffView | null) => {
    setEditing(s?.code ?? null);
    setErrors({});
    setForm(s ? { code: s.code, name: s.name, departmentCode: s.departmentCode ?? '', onRoster: s.onRoster } : BLANK);
  };
  const save = async (code: string | null, input: Omit<StaffView, 'code'> & { code?: string }) => {
    await registryApi.saveStaff(site, code, input);
    reload();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const input = { name: form.name.trim(), departmentCode: form.departmentCode || null, onRoster: form.onRoster };
    try {
      await save(editing, editing === null ? { code: form.code.trim(), ...input } : input);
      edit(null);
    } catch (err) {
      setErrors(formErrors(err, FIELDS, fail, registryWords(t, i18n, 100)));
    }
  };
  const setRoster = (s: StaffView, onRoster: boolean) => {
    if (!onRoster && !confirm(t('confirmTakeOff', { name: s.name }))) return;
    save(s.code, { name: s.name, departmentCode: s.departmentCode, onRoster }).catch(fail);
  };

  // Departments in the registry's order, then staff whose department is none or unknown.
  const groups: Array<{ key: string; title: string; department: DepartmentView | null }> = [
    ...departments.map((d) => ({ key: d.code, title: label(d), department: d })),
    { key: '', title: t('noDepartmentGroup'), department: null },
  ];
  const known = new Set(departments.map((d) => d.code));
  const inGroup = (key: string) =>
    (rows ?? []).filter((s) => (key ? s.departmentCode === key : !s.departmentCode || !known.has(s.departmentCode)));

  return (
    <section className="ad-panel" data-testid="tab-staff">
      <StationingSummary departments={departments} staff={rows ?? []} label={label} />
      <form className="ad-form ad-form--registry" onSubmit={(e) => void submit(e)} noValidate data-testid="staff-form">
        <h2 className="ad-h2">{editing === null ? t('newStaff') : t('editStaff', { name: form.name })}</h2>
        <label>
          {t('staffCode')}
          <input name="code" value={form.code} disabled={editing !== null} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          <FieldError message={errors.code} testId="error-code" />
        </label>
        <label>
          {t('staffName')}
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <FieldError message={errors.name} testId="error-name" />
        </label>
        <label>
          {t('department')}
          <select name="departmentCode" value={form.departmentCode} onChange={(e) => setForm({ ...form, departmentCode: e.target.value })}>
            <option value="">{t('noDepartment')}</option>
            {active.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d)}
              </option>
            ))}
          </select>
          <FieldError message={errors.departmentCode} testId="error-departmentCode" />
        </label>
        <label className="ad-check ad-check--inline">
          <input
            name="onRoster"
            type="checkbox"
            checked={form.onRoster}
            onChange={(e) => setForm({ ...form, onRoster: e.target.checked })}
          />
          {t('onRoster')}
        </label>
        <RegistryFormButtons editing={editing !== null} testId="save-staff" onCancel={() => edit(null)} />
      </form>
      {groups.map(({ key, title, department }) => {
        const people = inGroup(key);
        if (!department && !people.length) return null;
        const onRoster = people.filter((s) => s.onRoster).length;
        const its = windows.filter((w) => key && w.departmentCode === key).map((w) => (w.number !== null ? String(w.number) : w.code));
        return (
          <div key={key || '-'} className="ad-group" data-department={key} data-testid="staff-group">
            <h3 className="ad-group__head">
              {title}
              {department?.retiredAt && <span className="ad-tag">{t('stateRetired')}</span>}
              <span className="ad-count" data-testid="group-count">
                {department?.expectedStaff != null
                  ? t('rosterOfList', { n: onRoster, expected: department.expectedStaff })
                  : t('rosterOnly', { n: onRoster })}
              </span>
              <span className="ad-count">{its.length ? t('windowList', { list: its.join(t('listSep')) }) : t('windowsNone')}</span>
            </h3>
            {people.length ? (
              <table className="ad-table ad-table--compact ad-table--roster">
                <tbody>
                  {people.map((s) => (
                    <tr key={s.code} data-code={s.code} className={s.onRoster ? undefined : 'ad-retired'}>
                      <td className="ad-col-code">
                        <code>{s.code}</code>
                      </td>
                      <td>{s.name}</td>
                      <td className={s.onRoster ? 'ad-good' : 'ad-bad'}>{s.onRoster ? t('onRoster') : t('offRoster')}</td>
                      <td>
                        <div className="ad-actions">
                          <button type="button" className="tr-button" onClick={() => edit(s)} data-testid="edit-staff">
                            {t('edit')}
                          </button>
                          <button type="button" className="tr-button" onClick={() => setRoster(s, !s.onRoster)} data-testid="roster-staff">
                            {s.onRoster ? t('takeOff') : t('putBack')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="office-muted office-small">{t('noStaff')}</p>
            )}
          </div>
        );
      })}
    </section>
  );
}
