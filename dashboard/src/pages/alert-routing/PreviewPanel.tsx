import type { AlertDispatchView, DigestKind, DigestPreview } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';

interface Props {
  kind: DigestKind;
  preview: DigestPreview | null;
  dispatches: AlertDispatchView[];
  timeText: (iso: string) => string;
  onKind: (k: DigestKind) => void;
}

// Today's (or last week's) digest as it would go now, and what routing sent lately.
export function PreviewPanel({ kind, preview, dispatches, timeText, onKind }: Props) {
  const { t, i18n } = useTranslation('alertRouting');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  return (
    <div className="ar-columns">
      <section className="ar-section" data-testid="ar-preview">
        <h2>
          {t('preview')}
          <span className="ar-tabs">
            {(['daily', 'weekly'] as const).map((k) => (
              <button key={k} type="button" className={k === kind ? 'ar-tab ar-tab--on' : 'ar-tab'} onClick={() => onKind(k)}>
                {k === 'daily' ? t('previewDaily') : t('previewWeekly')}
              </button>
            ))}
          </span>
        </h2>
        {preview && (
          <>
            <p className="ar-digest-title">{preview.title}</p>
            <p className="office-muted">{t('period', { from: preview.from, to: preview.to })}</p>
            <table className="ar-table ar-figures">
              <tbody>
                {preview.figures.map((f) => (
                  <tr key={f.key}>
                    <th>{lang === 'en' ? f.en : f.zh}</th>
                    <td>{lang === 'en' ? f.valueEn : f.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="ar-section" data-testid="ar-dispatches">
        <h2>{t('dispatches')}</h2>
        {dispatches.length === 0 ? (
          <p className="office-muted">{t('noDispatches')}</p>
        ) : (
          <ul className="ar-dispatches">
            {dispatches.map((d) => (
              <li key={d.id}>
                <span className={`ar-state ar-state--${d.state}`}>{t(`dispatchState.${d.state}`)}</span>
                <time>{timeText(d.at)}</time> {d.title}
                {d.state === 'held' && d.heldUntil && <small> · {t('heldUntil', { at: timeText(d.heldUntil) })}</small>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
