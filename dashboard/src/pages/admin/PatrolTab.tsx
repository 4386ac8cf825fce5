import { MAX_ROUNDS_PER_DAY, type PatrolScheduleView, type SiteSettings } from '@hallwatch/shared';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { CheckpointsPanel } from './CheckpointsPanel';
import { formErrors } from './form-errors';
import { NoticeNumberPanel } from './NoticeNumberPanel';
import { FieldError } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

/** A site's patrol: when its rounds are and what makes one count, and the checkpoints walked. */
export function PatrolTab({ site, lang, timeZone, fail }: AdminTabProps) {
  return (
    <div data-testid="tab-patrol">
      <RoundSettings site={site} fail={fail} />
      <CheckpointsPanel site={site} lang={lang} timeZone={timeZone} fail={fail} />
      <NoticeNumberPanel site={site} fail={fail} />
    </div>
  );
}

const FIELDS = ['times', 'roundWindowLeadMin', 'roundMinDurationSec'] as const;
type Field = (typeof FIELDS)[number];

interface Form {
  enabled: boolean;
  times: string[];
  lead: string;
  /** Minutes, as people think of a walk; the API keeps seconds. */
  minDuration: string;
}

const toForm = (s: PatrolScheduleView, settings: SiteSettings): Form => ({
  enabled: s.enabled,
  times: [...s.times],
  lead: String(settings.roundWindowLeadMin),
  minDuration: String(Math.round((settings.roundMinDurationSec / 60) * 100) / 100),
});

/**
 * The round times, how early a round may start and how long it must take at least. Two API calls
 * (the schedule, the site's settings); each refusal is shown beside its field, in the form's units.
 */
function RoundSettings({ site, fail }: { site: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  const [saved, setSaved] = useState<{ schedule: PatrolScheduleView; settings: SiteSettings } | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState(false);

  useEffect(() => {
    Promise.all([adminApi.schedule(site), adminApi.settings(site)]).then(([schedule, settings]) => {
      setSaved({ schedule, settings });
      setForm(toForm(schedule, settings));
    }, fail);
  }, [site, fail]);

  if (!saved || !form) return <p className="office-muted">{t('loading')}</p>;
  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setDone(false);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const local: Partial<Record<Field, string>> = {};
    const lead = Number(form.lead.trim());
    const minutes = Number(form.minDuration.trim());
    if (form.lead.trim() === '' || !Number.isFinite(lead)) local.roundWindowLeadMin = t('notNumber');
    if (form.minDuration.trim() === '' || !Number.isFinite(minutes)) local.roundMinDurationSec = t('notNumber');
    setErrors(local);
    if (Object.keys(local).length) return;

    const times = form.times.map((x) => x.trim());
    const schedulePatch: Partial<Pick<PatrolScheduleView, 'enabled' | 'times'>> = {};
    if (form.enabled !== saved.schedule.enabled) schedulePatch.enabled = form.enabled;
    if (JSON.stringify(times) !== JSON.stringify(saved.schedule.times)) schedulePatch.times = times;
    const seconds = Math.round(minutes * 60);
    const settingsPatch: Partial<SiteSettings> = {};
    if (lead !== saved.settings.roundWindowLeadMin) settingsPatch.roundWindowLeadMin = lead;
    if (seconds !== saved.settings.roundMinDurationSec) settingsPatch.roundMinDurationSec = seconds;

    const refused: Partial<Record<Field, string>> = {};
    let next = saved;
    const attempt = async <T,>(patch: object, send: () => Promise<T>, keep: (v: T) => void) => {
      if (!Object.keys(patch).length) return;
      try {
        keep(await send());
      } catch (err) {
        Object.assign(refused, formErrors(err, FIELDS, fail));
      }
    };
    await attempt(
      schedulePatch,
      () => adminApi.updateSchedule(site, schedulePatch),
      (schedule) => (next = { ...next, schedule }),
    );
    await attempt(
      settingsPatch,
      () => adminApi.updateSettings(site, settingsPatch),
      (settings) => (next = { ...next, settings }),
    );
    setSaved(next);
    setErrors(refused);
    if (!Object.keys(refused).length) {
      setForm(toForm(next.schedule, next.settings));
      setDone(true);
    }
  };

  const error = (field: Field) => <FieldError message={errors[field] && `${t('notSaved')}${errors[field]}`} testId={`error-${field}`} />;
  return (
    <section className="ad-panel" data-testid="round-settings">
      <h2 className="ad-h2">{t('roundsTitle')}</h2>
      <p className="office-muted office-small">{t('roundsHint')}</p>
      <form className="ad-settings ad-settings--wide" onSubmit={(e) => void save(e)} noValidate>
        <div className="ad-settings__row">
          <label htmlFor="patrol-enabled">{t('patrolEnabled')}</label>
          <input
            id="patrol-enabled"
            name="enabled"
            type="checkbox"
            className="ad-checkbox"
            checked={form.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
        </div>
        <div className="ad-settings__row ad-settings__row--top">
          <span id="round-times-label">{t('roundTimes')}</span>
          <div className="ad-times" role="group" aria-labelledby="round-times-label" aria-invalid={errors.times ? true : undefined}>
            {form.times.map((time, i) => (
              <span key={i} className="ad-time">
                <input
                  name={`time-${i}`}
                  value={time}
                  inputMode="numeric"
                  maxLength={5}
                  placeholder="09:00"
                  aria-label={`${t('roundTimes')} ${i + 1}`}
                  onChange={(e) => set({ times: form.times.map((x, k) => (k === i ? e.target.value : x)) })}
                />
                <button
                  type="button"
                  className="tr-link ad-time__remove"
                  aria-label={t('removeRound', { time })}
                  title={t('removeRound', { time })}
                  disabled={form.times.length <= 1}
                  onClick={() => set({ times: form.times.filter((_, k) => k !== i) })}
                >
                  ×
                </button>
              </span>
            ))}
            <button
              type="button"
              className="tr-button"
              disabled={form.times.length >= MAX_ROUNDS_PER_DAY}
              onClick={() => set({ times: [...form.times, ''] })}
              data-testid="add-round"
            >
              + {t('addRound')}
            </button>
          </div>
          <span className="office-muted office-small">{t('roundTimesHelp', { max: MAX_ROUNDS_PER_DAY })}</span>
          {error('times')}
        </div>
        <div className="ad-settings__row">
          <label htmlFor="setting-roundWindowLeadMin">{t('roundLeadMin')}</label>
          <input
            id="setting-roundWindowLeadMin"
            name="roundWindowLeadMin"
            type="number"
            step="1"
            value={form.lead}
            aria-invalid={errors.roundWindowLeadMin ? true : undefined}
            onChange={(e) => set({ lead: e.target.value })}
          />
          <span className="office-muted office-small">{t('roundLeadHelp')}</span>
          {error('roundWindowLeadMin')}
        </div>
        <div className="ad-settings__row">
          <label htmlFor="setting-roundMinDurationSec">{t('roundMinDurationMin')}</label>
          <input
            id="setting-roundMinDurationSec"
            name="roundMinDurationSec"
            type="number"
            step="any"
            value={form.minDuration}
            aria-invalid={errors.roundMinDurationSec ? true : undefined}
            onChange={(e) => set({ minDuration: e.target.value })}
          />
          <span className="office-muted office-small">{t('roundMinDurationHelp')}</span>
          {error('roundMinDurationSec')}
        </div>
        <div className="ad-settings__actions">
          <button type="submit" className="tr-button tr-button--primary" data-testid="save-rounds">
            {t('save')}
          </button>
          {done && (
            <span className="ad-good" data-testid="rounds-saved">
              {t('saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
