import { DepartmentInfo, HallHours, IndicatorValues } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { countText, Lang } from './format';
import { HallMode, openDaysText } from './hall-mode';
import { useElementSize } from './useElementSize';

export interface ClosedSummaryProps {
  mode: Exclude<HallMode, 'open'>;
  values: IndicatorValues;
  departments: Record<string, IndicatorValues>;
  departmentInfo: Record<string, DepartmentInfo>;
  /** The site's opening hours, so that a passer-by reads when it opens again; null before the first snapshot. */
  hours: HallHours | null;
}

const ROW_REM = 2.6;

/** A closed hall says so, and shows what the day did instead of a wall of zeros. */
export function ClosedSummary({ mode, values, departments, departmentInfo, hours }: ClosedSummaryProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [ref, size] = useElementSize<HTMLOListElement>();
  const served = Object.entries(departments)
    .map(([code, v]) => ({ code, name: departmentInfo[code]?.name[lang] ?? code, n: v['queue.served'] ?? 0 }))
    .filter((d) => d.n > 0)
    .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
  const fits = Math.max(1, Math.floor(size.height / (ROW_REM * size.rem)));
  const top = served.slice(0, fits);
  const max = Math.max(1, ...top.map((d) => d.n));
  const anyService = (values['queue.served'] ?? 0) > 0;

  return (
    <section className="panel closed" data-testid="hall-closed" data-mode={mode}>
      <div className="closed__notice">
        <div className="closed__icon">◐</div>
        <div>
          <h2 className="closed__title">{t(mode === 'closed' ? 'closed.title' : 'closed.noDataTitle')}</h2>
          <p className="closed__sub">{mode === 'closed' ? (anyService ? t('closed.sub') : t('closed.notYet')) : t('closed.noDataSub')}</p>
          {hours && (
            <p className="closed__hours" data-testid="hall-hours">
              {t('closed.hours', { days: openDaysText(hours.weekdays, lang) })}{' '}
              <span className="closed__time">
                {hours.opens}–{hours.closes}
              </span>
            </p>
          )}
        </div>
      </div>
      {anyService && (
        <div className="closed__depts">
          <h3 className="panel__subhead">{t('closed.byDepartment')}</h3>
          <ol className="closed__list" ref={ref}>
            {top.map((d) => (
              <li key={d.code} className="crow" style={{ height: `${ROW_REM}rem` }}>
                <span className="crow__name">{d.name}</span>
                <span className="crow__track">
                  <span className="crow__bar" style={{ width: `${(d.n / max) * 100}%` }} />
                </span>
                <span className="crow__n">{countText(d.n)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
