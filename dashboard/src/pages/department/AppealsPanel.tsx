import { APPEAL_REASON_LABELS, type AppealView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';

interface Props {
  appeals: AppealView[];
  time: (iso: string) => string;
  lang: 'zh' | 'en';
}

/** The department's appeals (申诉): what it said, and what the office decided and why. */
export function AppealsPanel({ appeals, time, lang }: Props) {
  const { t } = useTranslation('department');
  return (
    <section className="dp-panel" data-testid="dp-appeals">
      <h2>
        {t('appeals')} <span className="dp-count">{appeals.length}</span>
      </h2>
      {appeals.length === 0 && <p className="office-muted">{t('noAppeals')}</p>}
      <ul>
        {appeals.map((a) => (
          <li key={a.id} data-testid={`dp-appeal-${a.reviewId}`}>
            <strong>
              {a.review
                ? t('appealOfRating', { rating: a.review.rating, time: time(a.review.occurredAt) })
                : t('appealOf', { review: a.reviewId })}
              {a.review?.window && ` · ${t('window', { window: a.review.window })}`}
            </strong>
            <span className={`dp-verdict dp-verdict--${a.status}`}>{t(`appeal_${a.status}`)}</span>
            <span>
              {APPEAL_REASON_LABELS[a.reason][lang]}
              {lang === 'en' ? ': ' : '：'}
              {a.statement}
            </span>
            <span className="office-muted">
              {t('filed', { time: time(a.filedAt), who: a.filedBy })}
              {a.decidedAt && ` · ${t('decided', { time: time(a.decidedAt), who: a.decidedBy })}`}
            </span>
            {a.decisionNote && <span className="dp-decision">{t('decisionNote', { note: a.decisionNote })}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
