import { ASSESSMENT_CRITERION_LABELS, type AssessmentRow } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** A town's parts opened up: each criterion's figures, its share, weight and points. */
export function EvidenceRow({ row, span }: { row: AssessmentRow; span: number }) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  return (
    <tr className="as-evidence" data-testid={`as-evidence-${row.site}`}>
      <td colSpan={span}>
        <p className="office-muted">{t('sites', { n: row.sites })}</p>
        <ul>
          {row.parts.map((p) => (
            <li key={p.criterion}>
              <span className="as-evidence__name">{ASSESSMENT_CRITERION_LABELS[p.criterion][lang]}</span>
              {p.noData ? (
                <span className="as-evidence__calc">{p.noData === 'zero' ? t('noDataZero') : t('noDataFull')}</span>
              ) : (
                <>
                  <span>{t(`evidenceOf.${p.criterion}`, { num: p.evidence.num, den: p.evidence.den })}</span>
                  <span className="as-evidence__calc">
                    {t('partLine', { share: pct(p.share), weight: p.weight, points: p.points.toFixed(2) })}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
