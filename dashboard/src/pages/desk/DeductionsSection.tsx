import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { noticesApi } from './notices-api';
import { type DeskNames, useLoaded } from './PatrolFollowUp';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's department deduction table (部门月度考核扣分), with the month's workbook. */
export function DeductionsSection({
  site,
  names,
  version,
  month: thisMonth,
}: {
  site: string;
  names: DeskNames;
  version: number;
  month: string | null;
}) {
  const { t } = useTranslation('deskNotices');
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked ?? thisMonth;
  const [exportError, setExportError] = useState<string | null>(null);
  const load = useCallback(
    () => (month && MONTH.test(month) ? noticesApi.deductionTable(site, month) : Promise.resolve([])),
    [site, month],
  );
  const { value: rows, failed } = useLoaded(load, version);
  const total = (rows ?? []).reduce((s, r) => ({ count: s.count + r.count, points: s.points + r.points }), { count: 0, points: 0 });

  const exportMonth = async () => {
    if (!month) return;
    setExportError(null);
    try {
      await noticesApi.exportDeductions(site, month);
    } catch (err) {
      setExportError(errorText(err));
    }
  };

  return (
    <section className="dk-panel dn-deductions" data-testid="desk-deductions">
      <h2>
        {t('deductionsTitle')}
        <label className="dn-filter">
          <span className="office-muted">{t('month')}</span>
          <input type="month" value={month ?? ''} onChange={(e) => setPicked(e.target.value)} data-testid="deduction-month" />
        </label>
        <button type="button" className="dn-button" onClick={exportMonth} disabled={!month} data-testid="deduction-export">
          {t('export')}
        </button>
      </h2>
      {exportError && (
        <p className="dk-error" role="alert">
          {exportError}
        </p>
      )}
      {failed ? (
        <p className="dk-error" role="alert">
          {t('failed', { message: failed })}
        </p>
      ) : !rows ? (
        <p className="office-muted">{t('loading')}</p>
      ) : !rows.length ? (
        <p className="office-muted dk-empty">{t('deductionsNone')}</p>
      ) : (
        <table className="dk-table dn-deduction-table">
          <thead>
            <tr>
              <th>{t('colDepartment')}</th>
              <th className="dn-num">{t('colCount')}</th>
              <th className="dn-num">{t('colPoints')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.month}-${r.department}`} data-testid={`deduction-${r.department}`}>
                <td>{names.deptName(r.department)}</td>
                <td className="dn-num">{r.count}</td>
                <td className="dn-num">{t('points', { n: r.points })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('total')}</th>
              <th className="dn-num">{total.count}</th>
              <th className="dn-num" data-testid="deduction-total">
                {t('points', { n: total.points })}
              </th>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
