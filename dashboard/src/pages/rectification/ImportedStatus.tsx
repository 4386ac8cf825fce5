import { RECTIFICATION_STATUSES, type ImportedItemEvidence, type RectificationImportResult } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from './badges';
import { langOf, statusLabel } from './format';

function ItemLine({ item }: { item: ImportedItemEvidence }) {
  const { t } = useTranslation('rectification');
  const s = item.stated;
  return (
    <li className="rect-imported__item" data-testid={`imported-${item.number}`}>
      <div className="rect-imported__head">
        <strong>({item.number})</strong> <StatusBadge status={item.status} />{' '}
        <span className="office-muted office-small">
          {!item.statusFromReport
            ? t('officeKept')
            : s && t(s.scope === 'item' ? 'itemStatedOwn' : 'itemStated', { line: s.line, phrase: s.phrase })}
        </span>
        <span className={`office-small ${item.measures.length ? '' : 'rect-warn'}`}>
          {' · '}
          {item.measures.length ? t('measureCount', { n: item.measures.length }) : t('noDatedMeasures')}
        </span>
      </div>
      {item.measures.length > 0 && (
        <ul className="rect-imported__measures">
          {item.measures.map((m, i) => (
            <li key={`${m.line}:${i}`}>
              <time>{m.date}</time> <span>{m.text}</span>{' '}
              <span className="rect-source rect-source--report">{t('fromReport', { line: m.line })}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** What the import took from the report besides its text: the statuses it states and the dated measures kept as evidence. */
export function ImportedStatus({ result }: { result: RectificationImportResult }) {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  const stated = result.statedStatus;
  const set = RECTIFICATION_STATUSES.filter((s) => result.statusSet[s] > 0).map((s) => `${statusLabel(s, lang)} ${result.statusSet[s]}`);
  const kept = result.items.filter((i) => !i.statusFromReport).length;
  const withMeasures = result.items.filter((i) => i.measures.length).length;
  return (
    <div className="rect-imported" data-testid="imported-status">
      <p>{stated ? t('statedAll', { line: stated.line, phrase: stated.phrase }) : t('statedNone')}</p>
      <p>
        {set.length ? t('statusSet', { list: set.join(lang === 'en' ? ', ' : '、') }) : t('statusSetNone')}
        {kept > 0 && ` ${t('statusKept', { n: kept })}`}
      </p>
      <p data-testid="imported-evidence">
        {result.evidenceTotal
          ? t('reportEvidence', { total: result.evidenceTotal, items: withMeasures, added: result.evidenceAdded })
          : t('reportEvidenceNone')}
      </p>
      <details className="rect-imported__list" data-testid="imported-items">
        <summary>{t('perItem')}</summary>
        <ol className="rect-imported__items">
          {result.items.map((item) => (
            <ItemLine key={item.key} item={item} />
          ))}
        </ol>
      </details>
    </div>
  );
}
