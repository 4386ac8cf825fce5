import type { RankingView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { ExportButton } from './ExportButton';
import { count, Lang, nameIn, pct } from './format';

export function RankingTable({
  title,
  view,
  lang,
  onExport,
  testId,
}: {
  title: string;
  view: RankingView | null;
  lang: Lang;
  onExport: () => Promise<void>;
  testId: string;
}) {
  const { t } = useTranslation('trends');
  return (
    <section className="tr-panel" data-testid={testId}>
      <header className="tr-panel__head">
        <h2>{title}</h2>
        <ExportButton run={onExport} testId={`export-${testId}`} />
      </header>
      <div className="tr-scroll tr-scroll--tall">
        <table className="tr-table tr-table--ranking">
          <thead>
            <tr>
              <th className="tr-num">{t('place')}</th>
              <th>{t('name')}</th>
              <th className="tr-num">{t('goodRate')}</th>
              <th className="tr-num">{t('bad')}</th>
              <th className="tr-num">{t('activeRate')}</th>
              <th className="tr-num">{t('reviews')}</th>
              <th>{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {(view?.rows ?? []).map((r) => (
              <tr key={r.key} data-place={r.place}>
                <td className="tr-num tr-place">{r.place}</td>
                <td>{nameIn(r, lang)}</td>
                <td className="tr-num">{pct(r.goodRate, 2)}</td>
                <td className="tr-num">{count(r.bad)}</td>
                <td className="tr-num">{pct(r.activeRate)}</td>
                <td className="tr-num">{count(r.reviews)}</td>
                <td className="tr-reason">{r.reason[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
