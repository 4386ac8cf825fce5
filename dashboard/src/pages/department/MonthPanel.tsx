import type { DepartmentTasksView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';

interface Props {
  site: string;
  month: DepartmentTasksView['month'];
  day: (iso: string) => string;
  lang: 'zh' | 'en';
}

/** This month's assessment: the points lost and each deduction behind them, and the way to the register. */
export function MonthPanel({ site, month, day, lang }: Props) {
  const { t } = useTranslation('department');
  return (
    <section className="dp-panel" data-testid="dp-month">
      <h2>{t('month', { month: month.month })}</h2>
      <p className={month.points ? 'dp-points' : 'office-muted'}>
        {month.points ? t('points', { points: month.points, count: month.deductions.length }) : t('noPoints')}
      </p>
      {month.deductions.length > 0 && (
        <ul data-testid="dp-deductions">
          {month.deductions.map((d) => (
            <li key={d.id}>
              <strong className="dp-minus">{t('minus', { points: d.points })}</strong>
              <span>{d.reason ?? t('noReason')}</span>
              <span className="office-muted">
                {t('confirmed', { time: day(d.confirmedAt), who: d.confirmedBy })}
                {d.items.length > 0 && ` · ${t('items', { items: d.items.join(lang === 'en' ? ', ' : '、') })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="dp-register">
        <a href={`/absences?site=${encodeURIComponent(site)}`} data-testid="dp-register-link">
          {t('register')} →
        </a>
        <span className="office-muted office-small"> {t('registerHint')}</span>
      </p>
    </section>
  );
}
