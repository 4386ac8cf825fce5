import type { CallbackDepartmentFigures, CallbackFigures, CallbackSummaryView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Lang, percent } from './format';

/** The month's figures per department that owned the drawn cases, the whole site first. */
export function FiguresPanel({ summary, lang }: { summary: CallbackSummaryView; lang: Lang }) {
  const { t } = useTranslation('callbacks');
  const name = (d: CallbackDepartmentFigures) => (d.name ? d.name[lang] : (d.department ?? t('noDepartment')));
  const cells = (f: CallbackFigures) => (
    <>
      <td className="cb-num">{f.drawn}</td>
      <td className="cb-num">{f.verified}</td>
      <td className="cb-num">{percent(f.verifiedShare)}</td>
      <td className="cb-num">{f.confirmed}</td>
      <td className={`cb-num ${f.notContacted ? 'cb-bad' : ''}`}>{f.notContacted}</td>
      <td className={`cb-num ${f.notSolved ? 'cb-warn' : ''}`}>{f.notSolved}</td>
      <td className={`cb-num ${f.falsifiedRate ? 'cb-bad' : ''}`}>{percent(f.falsifiedRate)}</td>
    </>
  );
  return (
    <section className="cb-panel" data-testid="figures" aria-labelledby="cb-figures-title">
      <div className="cb-panel__head">
        <h2 id="cb-figures-title">{t('figures', { month: summary.month })}</h2>
        <div className="cb-kpis">
          <span>
            {t('verifiedShare')} <strong data-testid="verified-share">{percent(summary.total.verifiedShare)}</strong>
          </span>
          <span>
            {t('falsifiedRate')}{' '}
            <strong data-testid="falsified-rate" className={summary.total.falsifiedRate ? 'cb-bad' : ''}>
              {percent(summary.total.falsifiedRate)}
            </strong>
          </span>
        </div>
      </div>
      <p className="office-muted office-small">{t('figuresRule', { share: percent(summary.sampleShare) })}</p>
      {summary.total.drawn === 0 ? (
        <p className="office-muted">{t('noFigures')}</p>
      ) : (
        <table className="cb-table cb-figures">
          <thead>
            <tr>
              <th>{t('department')}</th>
              <th className="cb-num">{t('drawn')}</th>
              <th className="cb-num">{t('verified')}</th>
              <th className="cb-num">{t('verifiedShare')}</th>
              <th className="cb-num">{t('confirmed')}</th>
              <th className="cb-num">{t('notContacted')}</th>
              <th className="cb-num">{t('notSolved')}</th>
              <th className="cb-num">{t('falsifiedRate')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.departments.map((d) => (
              <tr key={d.department ?? ''} data-testid={`figures-${d.department ?? 'none'}`}>
                <th scope="row">{name(d)}</th>
                {cells(d)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('allDepartments')}</th>
              {cells(summary.total)}
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
