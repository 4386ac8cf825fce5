import { RECTIFICATION_STATUSES, type RectificationHistoryView, type RectificationStatus } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { langOf, statusLabel, useHallTime } from './format';

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** Every change, newest first: who, when, which field, from what to what. */
export function HistoryList({ history }: { history: RectificationHistoryView[] }) {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  const hall = useHallTime();
  if (!history.length) return <p className="office-muted">{t('noHistory')}</p>;
  const show = (field: string, v: string | null): string => {
    if (v === null || v === '') return t('none');
    // A value written by an older release may not be a bare status: shown as written rather than lost.
    if (field === 'status' && RECTIFICATION_STATUSES.includes(v as RectificationStatus)) return statusLabel(v as RectificationStatus, lang);
    if (field === 'rebound' && ISO.test(v)) return t('reboundSince', { time: hall.dateTime(v) });
    return v.length > 120 ? `${v.slice(0, 120)}…` : v;
  };
  return (
    <ol className="rect-history">
      {history.map((h, i) => (
        <li key={`${h.at}:${h.field}:${i}`}>
          <time>{hall.fullDateTime(h.at)}</time>
          <span className="rect-history__actor">{t(`actors.${h.actor}`, { defaultValue: h.actor })}</span>
          <span className="rect-history__field">{t(`fields.${h.field}`, { defaultValue: h.field })}</span>
          <span className="rect-history__change">
            {/* Something added (an import, evidence, a link) has no "before" worth showing. */}
            {h.old === null && h.new !== null ? show(h.field, h.new) : `${show(h.field, h.old)} → ${show(h.field, h.new)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
