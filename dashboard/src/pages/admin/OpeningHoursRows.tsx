import type { HallHours } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { FieldError } from './SecretOnce';

/** The fields of the hours a refusal may name (the API checks them as a whole). */
export const HOURS_FIELDS = ['hours', 'hours.opens', 'hours.closes', 'hours.weekdays'] as const;

// Monday first, as the hall's week is read; the API numbers the days 0 (Sunday) … 6.
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** The settings form's rows for the hall's opening hours: the two times and the days it opens. */
export function OpeningHoursRows({
  hours,
  onChange,
  errors,
}: {
  hours: HallHours;
  onChange: (h: HallHours) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('admin');
  const wrong = (field: string) => (errors[field] ? `${t('notSaved')}${errors[field]}` : undefined);
  const timesError = wrong('hours.opens') ?? wrong('hours.closes') ?? wrong('hours');
  const toggle = (day: number, on: boolean) =>
    onChange({ ...hours, weekdays: on ? [...hours.weekdays, day].sort((a, b) => a - b) : hours.weekdays.filter((d) => d !== day) });
  return (
    <>
      <div className="ad-settings__row">
        <label htmlFor="setting-hours-opens">{t('hoursOpen')}</label>
        <span className="ad-settings__pair">
          {(['opens', 'closes'] as const).map((k) => (
            <input
              key={k}
              id={`setting-hours-${k}`}
              name={`hours.${k}`}
              // Text, not a time picker: the picker follows the browser's locale (12:00 PM), the hall's clock is 24-hour.
              type="text"
              inputMode="numeric"
              placeholder={k === 'opens' ? '08:30' : '17:30'}
              maxLength={5}
              aria-label={t(k === 'opens' ? 'hoursOpens' : 'hoursCloses')}
              value={hours[k]}
              aria-invalid={errors[`hours.${k}`] || errors.hours ? true : undefined}
              onChange={(e) => onChange({ ...hours, [k]: e.target.value.trim() })}
            />
          ))}
        </span>
        <span className="office-muted office-small">{t('hoursHelp')}</span>
        <FieldError message={timesError} testId="error-hours" />
      </div>
      <div className="ad-settings__row ad-settings__row--week">
        <span>{t('hoursWeekdays')}</span>
        <span className="ad-weekdays" role="group" aria-label={t('hoursWeekdays')}>
          {WEEK.map((d) => (
            <label key={d} className="ad-check">
              <input
                type="checkbox"
                name={`hours.weekday-${d}`}
                checked={hours.weekdays.includes(d)}
                onChange={(e) => toggle(d, e.target.checked)}
              />
              {t(`weekday_${d}`)}
            </label>
          ))}
        </span>
        <span className="office-muted office-small">{t('hoursWeekdaysHelp')}</span>
        <FieldError message={wrong('hours.weekdays')} testId="error-hours-weekdays" />
      </div>
    </>
  );
}
