import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallHours, SiteSettings } from '@hallwatch/shared';
import { adminApi, SettingsPatch } from './api';
import { formErrors } from './form-errors';
import { HOURS_FIELDS, OpeningHoursRows } from './OpeningHoursRows';
import { FieldError } from './SecretOnce';

/** The thresholds that are one number each (the hours and the lunch break have their own rows). */
type Key = { [K in keyof SettingsPatch]-?: SiteSettings[K] extends number ? K : never }[keyof SettingsPatch];
type BreakField = 'from' | 'to';

// Each threshold as people think of it (minutes, per cent) and as the API stores it (seconds, ratio).
const FIELDS: Array<{ key: Key; label: string; help: string; toForm: (v: number) => number; toApi: (v: number) => number; step: string }> =
  [
    {
      key: 'waitTargetSec',
      label: 'waitTargetMin',
      help: 'waitTargetHelp',
      toForm: (v) => v / 60,
      toApi: (v) => Math.round(v * 60),
      step: 'any',
    },
    {
      key: 'waitWarnRatio',
      label: 'waitWarnPct',
      help: 'waitWarnHelp',
      toForm: (v) => Math.round(v * 1000) / 10,
      toApi: (v) => v / 100,
      step: 'any',
    },
    { key: 'tidalQueue', label: 'tidalQueue', help: 'tidalQueueHelp', toForm: (v) => v, toApi: (v) => v, step: '1' },
    {
      key: 'allowedBreakSec',
      label: 'allowedBreakMin',
      help: 'allowedBreakHelp',
      toForm: (v) => v / 60,
      toApi: (v) => Math.round(v * 60),
      step: 'any',
    },
    { key: 'surgeFactor', label: 'surgeFactor', help: 'surgeFactorHelp', toForm: (v) => v, toApi: (v) => v, step: 'any' },
    { key: 'surgeMinWaiting', label: 'surgeMinWaiting', help: 'surgeMinWaitingHelp', toForm: (v) => v, toApi: (v) => v, step: '1' },
    {
      key: 'unattendedWindowSec',
      label: 'unattendedMin',
      help: 'unattendedHelp',
      toForm: (v) => v / 60,
      toApi: (v) => Math.round(v * 60),
      step: 'any',
    },
    { key: 'windowImbalanceMax', label: 'imbalanceMax', help: 'imbalanceMaxHelp', toForm: (v) => v, toApi: (v) => v, step: 'any' },
    { key: 'badReviewAlertRating', label: 'badReviewRating', help: 'badReviewRatingHelp', toForm: (v) => v, toApi: (v) => v, step: '1' },
    {
      key: 'callbackSampleShare',
      label: 'callbackSharePct',
      help: 'callbackShareHelp',
      toForm: (v) => Math.round(v * 1000) / 10,
      toApi: (v) => v / 100,
      step: 'any',
    },
  ];

/** The site's opening hours and alert thresholds; the API checks them and names the field it refuses. */
export function SettingsTab({ site, fail }: { site: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  const [saved, setSaved] = useState<SiteSettings | null>(null);
  const [form, setForm] = useState<Partial<Record<Key, string>>>({});
  const [lunch, setLunch] = useState<Record<BreakField, string>>({ from: '', to: '' });
  const [hours, setHours] = useState<HallHours | null>(null);
  const [districtPage, setDistrictPage] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const show = (s: SiteSettings) => {
    setSaved(s);
    setForm(Object.fromEntries(FIELDS.map((f) => [f.key, String(f.toForm(s[f.key]))])));
    setLunch({ from: s.lunchBreak?.from ?? '', to: s.lunchBreak?.to ?? '' });
    setHours(s.hours);
    setDistrictPage(s.wallDistrictPage);
  };
  useEffect(() => {
    adminApi.settings(site).then(show, fail);
  }, [site, fail]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const patch: SettingsPatch = {};
    const local: Record<string, string> = {};
    for (const f of FIELDS) {
      const raw = form[f.key]?.trim() ?? '';
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) local[f.key] = t('notNumberField', { field: t(f.label) });
      else if (saved && f.toApi(n) !== saved[f.key]) patch[f.key] = f.toApi(n);
    }
    // Both times empty: no break (the hall serves through midday); the API checks the pair.
    const lunchBreak = lunch.from === '' && lunch.to === '' ? null : { from: lunch.from, to: lunch.to };
    if (saved && JSON.stringify(lunchBreak) !== JSON.stringify(saved.lunchBreak)) patch.lunchBreak = lunchBreak;
    if (saved && hours && JSON.stringify(hours) !== JSON.stringify(saved.hours)) patch.hours = hours;
    if (saved && districtPage !== saved.wallDistrictPage) patch.wallDistrictPage = districtPage;
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      show(await adminApi.updateSettings(site, patch));
      setDone(true);
    } catch (err) {
      setErrors(
        formErrors(
          err,
          [...FIELDS.map((f) => f.key), 'lunchBreak', 'lunchBreak.from', 'lunchBreak.to', 'wallDistrictPage', ...HOURS_FIELDS],
          fail,
        ),
      );
    }
  };

  if (!saved) return <p className="office-muted">{t('loading')}</p>;
  return (
    <section className="ad-panel" data-testid="tab-settings">
      <p className="office-muted office-small">{t('settingsHint')}</p>
      <form className="ad-settings" onSubmit={(e) => void save(e)} noValidate>
        {hours && <OpeningHoursRows hours={hours} onChange={setHours} errors={errors} />}
        {FIELDS.map((f) => (
          <div key={f.key} className="ad-settings__row">
            <label htmlFor={`setting-${f.key}`}>{t(f.label)}</label>
            <input
              id={`setting-${f.key}`}
              name={f.key}
              type="number"
              step={f.step}
              value={form[f.key] ?? ''}
              aria-invalid={errors[f.key] ? true : undefined}
              onChange={(e) => setForm((x) => ({ ...x, [f.key]: e.target.value }))}
            />
            <span className="office-muted office-small">{t(f.help)}</span>
            <FieldError message={errors[f.key] && `${t('notSaved')}${errors[f.key]}`} testId={`error-${f.key}`} />
          </div>
        ))}
        <div className="ad-settings__row">
          <label htmlFor="setting-lunchBreak-from">{t('lunchBreak')}</label>
          <span className="ad-settings__pair">
            {(['from', 'to'] as const).map((k) => (
              <input
                key={k}
                id={`setting-lunchBreak-${k}`}
                name={`lunchBreak.${k}`}
                // Text, not a time picker: the picker follows the browser's locale (12:00 PM), the hall's clock is 24-hour.
                type="text"
                inputMode="numeric"
                placeholder={k === 'from' ? '12:00' : '13:30'}
                maxLength={5}
                aria-label={t(k === 'from' ? 'lunchFrom' : 'lunchTo')}
                value={lunch[k]}
                aria-invalid={errors[`lunchBreak.${k}`] || errors.lunchBreak ? true : undefined}
                onChange={(e) => setLunch((x) => ({ ...x, [k]: e.target.value }))}
              />
            ))}
          </span>
          <span className="office-muted office-small">{t('lunchBreakHelp')}</span>
          <FieldError
            message={(() => {
              const e = errors.lunchBreak ?? errors['lunchBreak.from'] ?? errors['lunchBreak.to'];
              return e && `${t('notSaved')}${e}`;
            })()}
            testId="error-lunchBreak"
          />
        </div>
        <div className="ad-settings__row">
          <label htmlFor="setting-wallDistrictPage">{t('wallDistrictPage')}</label>
          <input
            id="setting-wallDistrictPage"
            name="wallDistrictPage"
            type="checkbox"
            checked={districtPage}
            onChange={(e) => setDistrictPage(e.target.checked)}
            data-testid="setting-wallDistrictPage"
          />
          <span className="office-muted office-small">{t('wallDistrictPageHelp')}</span>
          <FieldError message={errors.wallDistrictPage && `${t('notSaved')}${errors.wallDistrictPage}`} testId="error-wallDistrictPage" />
        </div>
        <div className="ad-settings__actions">
          <button type="submit" className="tr-button tr-button--primary" data-testid="save-settings">
            {t('save')}
          </button>
          {done && (
            <span className="ad-good" data-testid="settings-saved">
              {t('saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
