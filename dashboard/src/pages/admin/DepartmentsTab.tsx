import type { DepartmentView } from '@hallwatch/shared';
import { FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from './form-errors';
import { registryApi } from './registry-api';
import { optionalNumber, registryWords } from './registry-form';
import './registry-i18n';
import './registry.css';
import { FieldError } from './SecretOnce';
import type { AdminTabProps } from './tab-props';
import { useSiteList } from './useAdmin';
import { RegistryFormButtons } from './RegistryFormButtons';

const FIELDS = ['code', 'name', 'nameEn', 'expectedToStation', 'expectedStaff'] as const;
const BLANK = { code: '', name: '', nameEn: '', expectedToStation: true, expectedStaff: '' };

/** The site's departments: add, edit (names, stationing), retire and restore; each refusal beside its field. */
export function DepartmentsTab({ site, lang, fail }: Pick<AdminTabProps, 'site' | 'lang' | 'fail'>) {
  const { t, i18n } = useTranslation('registry');
  const { rows, reload } = useSiteList(site, registryApi.departments, fail);
  const staff = useSiteList(site, registryApi.staff, fail).rows ?? [];
  const windows = useSiteList(site, registryApi.windows, fail).rows ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const label = (d: DepartmentView) => (lang === 'en' && d.nameEn) || d.name;

  const edit = (d: DepartmentView | null) => {
    setEditing(d?.code ?? null);
    setErrors({});
    setDone(null);
    setForm(
      d
        ? {
            code: d.code,
            name: d.name,
            nameEn: d.nameEn ?? '',
            expectedToStation: d.expectedToStation,
            expectedStaff: String(d.expectedStaff ?? ''),
          }
        : BLANK,
    );
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const input = {
      name: form.name.trim(),
      nameEn: form.nameEn.trim() || null,
      expectedToStation: form.expectedToStation,
      expectedStaff: optionalNumber(form.expectedStaff),
    };
    try {
      const saved = await registryApi.saveDepartment(site, editing, editing === null ? { code: form.code.trim(), ...input } : input);
      edit(null);
      setDone(t('savedName', { name: label(saved) }));
      reload();
    } catch (err) {
      setErrors(formErrors(err, FIELDS, fail, registryWords(t, i18n, 200)));
    }
  };
  const retire = useCallback(
    async (d: DepartmentView, retired: boolean) => {
      if (retired && !confirm(t('confirmRetire', { name: d.name }))) return;
      await registryApi.setRetired(site, d.code, retired).then(reload, fail);
    },
    [site, t, reload, fail],
  );
  const on = (code: string) => staff.filter((s) => s.onRoster && s.departmentCode === code).length;
  const windowsOf = (code: string) => windows.filter((w) => w.departmentCode === code).length;

  return (
    <section className="ad-panel" data-testid="tab-departments">
      <form className="ad-form ad-form--registry" onSubmit={(e) => void submit(e)} noValidate data-testid="department-form">
        <h2 className="ad-h2">{editing === null ? t('newDepartment') : t('editDepartment', { name: form.name })}</h2>
        <label>
          {t('code')}
          <input name="code" value={form.code} disabled={editing !== null} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          <FieldError message={errors.code} testId="error-code" />
        </label>
        <label>
          {t('name')}
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <FieldError message={errors.name} testId="error-name" />
        </label>
        <label>
          {t('nameEn')}
          <input name="nameEn" value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} />
          <FieldError message={errors.nameEn} testId="error-nameEn" />
        </label>
        <label>
          {t('expectedStaff')}
          <input
            name="expectedStaff"
            type="number"
            min="0"
            step="1"
            value={form.expectedStaff}
            title={t('expectedStaffHelp')}
            onChange={(e) => setForm({ ...form, expectedStaff: e.target.value })}
          />
          <FieldError message={errors.expectedStaff} testId="error-expectedStaff" />
        </label>
        <label className="ad-check ad-check--inline">
          <input
            name="expectedToStation"
            type="checkbox"
            checked={form.expectedToStation}
            onChange={(e) => setForm({ ...form, expectedToStation: e.target.checked })}
          />
          {t('expectedToStation')}
        </label>
        <RegistryFormButtons editing={editing !== null} testId="save-department" onCancel={() => edit(null)} />
      </form>
      {done && (
        <p className="ad-notice" role="status" data-testid="department-saved">
          {done}
        </p>
      )}
      {rows && (
        <p className="office-muted office-small">
          {t('departmentsCount', { n: rows.length, retired: rows.filter((d) => d.retiredAt).length })}
        </p>
      )}
      <table className="ad-table" data-testid="departments">
        <thead>
          <tr>
            <th>{t('code')}</th>
            <th>{t('name')}</th>
            <th>{t('nameEn')}</th>
            <th>{t('expectedToStation')}</th>
            <th className="ad-num">{t('expectedStaff')}</th>
            <th className="ad-num">{t('onRosterCount')}</th>
            <th className="ad-num">{t('windowsOf')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((d) => (
            <tr key={d.code} data-code={d.code} className={d.retiredAt ? 'ad-retired' : undefined}>
              <td>
                <code>{d.code}</code>
              </td>
              <td>
                {d.name} {d.retiredAt && <span className="ad-tag">{t('stateRetired')}</span>}
              </td>
              <td>{d.nameEn ?? '—'}</td>
              <td>{d.expectedToStation ? t('yes') : t('no')}</td>
              <td className="ad-num">{d.expectedStaff ?? '—'}</td>
              <td className="ad-num" data-testid="on-roster">
                {on(d.code)}
              </td>
              <td className="ad-num">{windowsOf(d.code)}</td>
              <td>
                <div className="ad-actions">
                  <button type="button" className="tr-button" onClick={() => edit(d)} data-testid="edit-department">
                    {t('edit')}
                  </button>
                  <button type="button" className="tr-button" onClick={() => void retire(d, !d.retiredAt)} data-testid="retire-department">
                    {d.retiredAt ? t('restore') : t('retire')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
