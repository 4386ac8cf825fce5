import { activeRate, averageWaitSec, type BreakdownDim, type BreakdownView, goodRate, rectifyRate } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { ExportButton } from './ExportButton';
import { count, langOf, minutes, nameIn, pct, pointsDelta } from './format';

const DIMS: Array<[BreakdownDim, string]> = [
  ['department', 'byDepartment'],
  ['window', 'byWindow'],
  ['staff', 'byStaff'],
  ['channel', 'byChannel'],
  ['site', 'bySite'],
];

interface Props {
  view: BreakdownView | null;
  dim: BreakdownDim;
  onDim: (d: BreakdownDim) => void;
  siteScope: boolean;
  onExport: () => Promise<void>;
}

function Delta({ value }: { value: number | null }) {
  if (value === null) return <span className="office-muted">—</span>;
  if (Math.abs(value) < 0.005) return <span className="office-muted">0.00</span>;
  return <span className={value > 0 ? 'tr-up' : 'tr-down'}>{`${value > 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`}</span>;
}

export function BreakdownTable({ view, dim, onDim, siteScope, onExport }: Props) {
  const { t, i18n } = useTranslation('trends');
  const lang = langOf(i18n.language);
  const perSite = dim === 'window' || dim === 'staff';
  return (
    <section className="tr-panel tr-panel--wide" data-testid="breakdown">
      <header className="tr-panel__head">
        <h2>{t('breakdownTitle')}</h2>
        <div className="tr-tabs" role="tablist">
          {DIMS.map(([d, label]) => (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={d === dim}
              className={d === dim ? 'tr-tab tr-tab--on' : 'tr-tab'}
              onClick={() => onDim(d)}
            >
              {t(label)}
            </button>
          ))}
        </div>
        <ExportButton run={onExport} testId="export-breakdown" />
      </header>
      {perSite && !siteScope ? (
        <p className="office-muted">{t('siteOnly')}</p>
      ) : (
        <div className="tr-scroll">
          <table className="tr-table">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th className="tr-num">{t('reviews')}</th>
                <th className="tr-num">{t('completed')}</th>
                <th className="tr-num">{t('activeRate')}</th>
                <th className="tr-num">{t('goodRate')}</th>
                <th className="tr-num">{t('goodDelta')}</th>
                <th className="tr-num">{t('bad')}</th>
                <th className="tr-num">{t('rectifyRate')}</th>
                <th className="tr-num">{t('complaints')}</th>
                <th className="tr-num">{t('avgWait')}</th>
              </tr>
            </thead>
            <tbody>
              {(view?.rows ?? []).map((r) => (
                <tr key={r.key}>
                  <td>{nameIn(r, lang)}</td>
                  <td className="tr-num">{count(r.reviews)}</td>
                  <td className="tr-num">{dim === 'channel' ? '—' : count(r.completed)}</td>
                  <td className="tr-num">{dim === 'channel' ? '—' : pct(activeRate(r))}</td>
                  <td className="tr-num">{pct(goodRate(r), 2)}</td>
                  <td className="tr-num">
                    <Delta value={pointsDelta(goodRate(r), goodRate(r.previous))} />
                  </td>
                  <td className="tr-num">{count(r.bad)}</td>
                  <td className="tr-num">{pct(rectifyRate(r))}</td>
                  <td className="tr-num">{count(r.complaints)}</td>
                  <td className="tr-num">{minutes(averageWaitSec(r))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view && !view.rows.length && <p className="office-muted">{t('noData')}</p>}
        </div>
      )}
    </section>
  );
}
