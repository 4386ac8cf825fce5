import type { DepartmentView, ServiceItemView } from '@hallwatch/shared';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from './form-errors';
import { registryApi } from './registry-api';
import { registryWords } from './registry-form';
import './registry-i18n';
import './registry.css';
import { FieldError } from './SecretOnce';
import { ServiceItemSheetPanel } from './ServiceItemSheetPanel';
import type { AdminTabProps } from './tab-props';
import { useSiteList } from './useAdmin';
import { RegistryFormButtons } from './RegistryFormButtons';

const FIELDS = ['code', 'name', 'departmentCode', 'negativeList'] as const;
const BLANK = { code: '', name: '', departmentCode: '', negativeList: false };
/** The district's list runs to some 1,700 items: the table shows a page of them, search finds the rest. */
const SHOWN = 200;

/** The site's service items (事项): search, add, edit, and the import of the hall's sheet. */
export function ServiceItemsTab({ site, lang, fail }: Pick<AdminTabProps, 'site' | 'lang' | 'fail'>) {
  const { t, i18n } = useTranslation('registry');
  const { rows, reload } = useSiteList(site, registryApi.serviceItems, fail);
  const departments = useSiteList(site, registryApi.departments, fail).rows ?? [];
  const [query, setQuery] = useState('');
  const [department, setDepartment] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState(BLANK);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const label = (d: DepartmentView) => (lang === 'en' && d.nameEn) || d.name;
  const departmentName = (code: string | null) => {
    const d = departments.find((x) => x.code === code);
    return d ? label(d) : (code ?? '—');
  };

  const found = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (rows ?? []).filter(
      (i) =>
        (!department || i.departmentCode === department) && (!q || i.code.toLowerCase().includes(q) || i.name.toLowerCase().includes(q)),
    );
  }, [rows, query, department]);

  const edit = (i: ServiceItemView | null) => {
    setEditing(i?.code ?? null);
    setErrors({});
    setForm(i ? { code: i.code, name: i.name, departmentCode: i.departmentCode ?? '', negativeList: i.negativeList } : BLANK);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const input = { name: form.name.trim(), departmentCode: form.departmentCode || null, negativeList: form.negativeList };
    try {
      await registryApi.saveServiceItem(site, editing, editing === null ? { code: form.code.trim(), ...input } : input);
      edit(null);
      reload();
    } catch (err) {
      setErrors(formErrors(err, FIELDS, fail, registryWords(t, i18n, 500)));
    }
  };

  return (
    <section className="ad-panel" data-testid="tab-service-items">
      <ServiceItemSheetPanel site={site} fail={fail} onImported={reload} />
      <form className="ad-form ad-form--registry" onSubmit={(e) => void submit(e)} noValidate data-testid="item-form">
        <h2 className="ad-h2">{editing === null ? t('newItem') : t('editItem', { code: editing })}</h2>
        <label>
          {t('itemCode')}
          <input name="code" value={form.code} disabled={editing !== null} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          <FieldError message={errors.code} testId="error-code" />
        </label>
        <label className="ad-wide">
          {t('itemName')}
          <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <FieldError message={errors.name} testId="error-name" />
        </label>
        <label>
          {t('department')}
          <select name="departmentCode" value={form.departmentCode} onChange={(e) => setForm({ ...form, departmentCode: e.target.value })}>
            <option value="">{t('noDepartment')}</option>
            {departments
              .filter((d) => !d.retiredAt || d.code === form.departmentCode)
              .map((d) => (
                <option key={d.code} value={d.code}>
                  {label(d)}
                </option>
              ))}
          </select>
          <FieldError message={errors.departmentCode} testId="error-departmentCode" />
        </label>
        <label className="ad-check ad-check--inline" title={t('negativeListHelp')}>
          <input
            name="negativeList"
            type="checkbox"
            checked={form.negativeList}
            onChange={(e) => setForm({ ...form, negativeList: e.target.checked })}
          />
          {t('negativeList')}
        </label>
        <RegistryFormButtons editing={editing !== null} testId="save-item" onCancel={() => edit(null)} />
      </form>
      <div className="ad-filter">
        <input type="search" name="q" placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select name="department" value={department} onChange={(e) => setDepartment(e.target.value)}>
          <option value="">{t('allDepartments')}</option>
          {departments.map((d) => (
            <option key={d.code} value={d.code}>
              {label(d)}
            </option>
          ))}
        </select>
        {rows && (
          <span className="office-muted office-small" data-testid="items-count">
            {t('itemsCount', { n: rows.length, shown: Math.min(found.length, SHOWN) })}
          </span>
        )}
      </div>
      <table className="ad-table" data-testid="service-items">
        <thead>
          <tr>
            <th>{t('itemCode')}</th>
            <th>{t('itemName')}</th>
            <th>{t('department')}</th>
            <th>{t('negativeList')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {found.slice(0, SHOWN).map((i) => (
            <tr key={i.code} data-code={i.code}>
              <td className="ad-col-code">
                <code>{i.code}</code>
              </td>
              <td>{i.name}</td>
              <td>{departmentName(i.departmentCode)}</td>
              <td>{i.negativeList ? t('yes') : t('no')}</td>
              <td>
                <button type="button" className="tr-button" onClick={() => edit(i)} data-testid="edit-item">
                  {t('edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.length > SHOWN && <p className="office-muted office-small">{t('moreItems', { n: SHOWN })}</p>}
    </section>
  );
}
