import type { DepartmentView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { registryApi } from './registry-api';
import './registry-i18n';
import './registry.css';
import { useSiteList } from './useAdmin';

/**
 * The site's windows with their department and kind; an admin opens or closes one, or moves it to
 * another department (who staffs a window is its department's roster, on the staff tab).
 */
export function WindowsTab({ site, lang, fail }: { site: string; lang: 'zh' | 'en'; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  const { rows, reload } = useSiteList(site, adminApi.windows, fail);
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    adminApi.departments(site).then(setDepartments, fail);
  }, [site, fail]);
  const departmentName = (code: string | null) => {
    const d = departments.find((x) => x.code === code);
    return d ? (lang === 'en' && d.nameEn) || d.name : (code ?? '—');
  };
  const toggle = async (code: string, isOpen: boolean) => {
    setBusy(code);
    await adminApi.setWindowOpen(site, code, isOpen).catch(fail);
    setBusy(null);
    reload();
  };
  const move = async (code: string, departmentCode: string) => {
    setBusy(code);
    await registryApi.setWindowDepartment(site, code, departmentCode || null).catch(fail);
    setBusy(null);
    reload();
  };
  const sorted = [...(rows ?? [])].sort((a, b) => (a.number ?? 1e9) - (b.number ?? 1e9) || a.code.localeCompare(b.code));

  return (
    <section className="ad-panel" data-testid="tab-windows">
      {rows && (
        <p className="office-muted office-small">{t('windowsCount', { n: rows.length, open: rows.filter((w) => w.isOpen).length })}</p>
      )}
      <table className="ad-table" data-testid="windows">
        <thead>
          <tr>
            <th>{t('windowNumber')}</th>
            <th>{t('windowCode')}</th>
            <th>{t('department')}</th>
            <th>{t('kind')}</th>
            <th>{t('state')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((w) => (
            <tr key={w.code} data-code={w.code} data-open={w.isOpen ? 'yes' : 'no'}>
              <td>{w.number ?? '—'}</td>
              <td>
                <code>{w.code}</code>
              </td>
              <td>
                <select
                  name="departmentCode"
                  aria-label={t('department')}
                  value={w.departmentCode ?? ''}
                  disabled={busy === w.code}
                  onChange={(e) => void move(w.code, e.target.value)}
                  data-testid="window-department"
                >
                  <option value="">{t('registry:noDepartment')}</option>
                  {/* A retired department stays listed for the windows it still has, never offered to others. */}
                  {departments
                    .filter((d) => !d.retiredAt || d.code === w.departmentCode)
                    .map((d) => (
                      <option key={d.code} value={d.code}>
                        {departmentName(d.code)}
                      </option>
                    ))}
                  {w.departmentCode && !departments.some((d) => d.code === w.departmentCode) && (
                    <option value={w.departmentCode}>{w.departmentCode}</option>
                  )}
                </select>
              </td>
              <td>{t(`kind_${w.kind}`, { defaultValue: w.kind })}</td>
              <td className={w.isOpen ? 'ad-good' : 'ad-bad'}>{w.isOpen ? t('open') : t('closed')}</td>
              <td>
                <button
                  type="button"
                  className="tr-button"
                  disabled={busy === w.code}
                  onClick={() => void toggle(w.code, !w.isOpen)}
                  data-testid="toggle-window"
                >
                  {w.isOpen ? t('setClosed') : t('setOpen')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
