import { RETENTION_MIN_DAYS, type EventRetentionAction, type RetentionPlanView, type RetentionView } from '@hallwatch/shared';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from './form-errors';
import { retentionApi } from './retention-api';
import './retention-i18n';
import { FieldError, when } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

const DAY_FIELDS = [
  { key: 'phoneDays', help: 'phoneHelp' },
  { key: 'eventDays', help: 'eventHelp' },
  { key: 'photoDays', help: 'photoHelp' },
] as const;
type DayField = (typeof DAY_FIELDS)[number]['key'];

// The deployment's retention policy, what the last purge erased and what a run now would: the
// periods an admin of every site sets, each refused below its floor by the server as well.
export function RetentionTab({ timeZone, fail, allSites }: Omit<AdminTabProps, 'site' | 'lang'> & { allSites: boolean }) {
  const { t } = useTranslation('adminRetention');
  const [view, setView] = useState<RetentionView | null>(null);
  const [plan, setPlan] = useState<RetentionPlanView | null>(null);
  const [form, setForm] = useState<Record<DayField, string>>({ phoneDays: '', eventDays: '', photoDays: '' });
  const [action, setAction] = useState<EventRetentionAction>('archive');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const show = (v: RetentionView) => {
    setView(v);
    setForm({ phoneDays: String(v.policy.phoneDays), eventDays: String(v.policy.eventDays), photoDays: String(v.policy.photoDays) });
    setAction(v.policy.eventAction);
  };
  useEffect(() => {
    retentionApi.view().then(show, fail);
    retentionApi.preview().then(setPlan, fail);
  }, [fail]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const local: Record<string, string> = {};
    const patch: Record<string, number | string> = {};
    for (const { key } of DAY_FIELDS) {
      const n = Number(form[key].trim());
      if (!form[key].trim() || !Number.isInteger(n)) local[key] = t('err_whole');
      else if (n < RETENTION_MIN_DAYS[key]) local[key] = t('err_floor', { label: t(key), n: RETENTION_MIN_DAYS[key] });
      else if (view && n !== view.policy[key]) patch[key] = n;
    }
    if (view && action !== view.policy.eventAction) patch.eventAction = action;
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      show(await retentionApi.update(patch));
      setPlan(await retentionApi.preview());
      setDone(true);
    } catch (err) {
      setErrors(formErrors(err, [...DAY_FIELDS.map((f) => f.key), 'eventAction'], fail));
    }
  };

  if (!view) return <p className="office-muted">…</p>;
  const run = view.lastRun;
  return (
    <section className="ad-panel" data-testid="tab-retention">
      <p className="office-muted office-small">{t('hint')}</p>
      <h2 className="ad-h2">{t('policy')}</h2>
      <form className="ad-settings" onSubmit={(e) => void save(e)} noValidate>
        {DAY_FIELDS.map((f) => (
          <div key={f.key} className="ad-settings__row">
            <label htmlFor={`retention-${f.key}`}>{t(f.key)}</label>
            <span className="ad-settings__pair">
              <input
                id={`retention-${f.key}`}
                name={f.key}
                type="number"
                step="1"
                min={RETENTION_MIN_DAYS[f.key]}
                value={form[f.key]}
                disabled={!allSites}
                aria-invalid={errors[f.key] ? true : undefined}
                onChange={(e) => setForm((x) => ({ ...x, [f.key]: e.target.value }))}
              />
              <span>{t('days')}</span>
            </span>
            <span className="office-muted office-small">
              {t(f.help)} {t('limits', { min: RETENTION_MIN_DAYS[f.key], def: view.defaults[f.key] })}
            </span>
            <FieldError message={errors[f.key] && `${t('notSaved')}${errors[f.key]}`} testId={`error-${f.key}`} />
          </div>
        ))}
        <div className="ad-settings__row">
          <label htmlFor="retention-eventAction">{t('eventAction')}</label>
          <select
            id="retention-eventAction"
            value={action}
            disabled={!allSites}
            onChange={(e) => setAction(e.target.value as EventRetentionAction)}
          >
            <option value="archive">{t('action_archive')}</option>
            <option value="delete">{t('action_delete')}</option>
          </select>
          <span />
          <FieldError message={errors.eventAction && `${t('notSaved')}${errors.eventAction}`} testId="error-eventAction" />
        </div>
        <p className="office-muted office-small" data-testid="retention-updated">
          {view.updatedAt ? t('updated', { at: when(view.updatedAt, timeZone), by: view.updatedBy }) : t('neverUpdated')}
        </p>
        {allSites ? (
          <div className="ad-settings__actions">
            <button type="submit" className="tr-button tr-button--primary" data-testid="save-retention">
              {t('save')}
            </button>
            {done && (
              <span className="ad-good" role="status" data-testid="retention-saved">
                {t('saved')}
              </span>
            )}
          </div>
        ) : (
          <p className="office-muted office-small">{t('allSitesOnly')}</p>
        )}
      </form>

      <h2 className="ad-h2">{t('lastRun')}</h2>
      {run ? (
        <table className="ad-table" data-testid="retention-last-run">
          <tbody>
            <tr>
              <th>{t('runAt')}</th>
              <td>{when(run.startedAt, timeZone)}</td>
            </tr>
            <tr>
              <th>{t('trigger')}</th>
              <td>
                {t(`trigger_${run.trigger}`)} · {run.actor}
              </td>
            </tr>
            <tr>
              <th>{t('phones')}</th>
              <td>{run.phones}</td>
            </tr>
            <tr>
              <th>{t('events')}</th>
              <td>{run.events}</td>
            </tr>
            <tr>
              <th>{t('photos')}</th>
              <td>{run.photos}</td>
            </tr>
            {run.files.length > 0 && (
              <tr>
                <th>{t('files')}</th>
                <td className="office-small">
                  {run.files.map((f) => (
                    <div key={f}>{f}</div>
                  ))}
                </td>
              </tr>
            )}
            {run.error && (
              <tr>
                <th>{t('error')}</th>
                <td role="alert">{run.error}</td>
              </tr>
            )}
          </tbody>
        </table>
      ) : (
        <p className="office-muted">{t('noRun')}</p>
      )}

      {plan && (
        <>
          <h2 className="ad-h2">{t('pending')}</h2>
          <p data-testid="retention-pending">
            {t('pendingCounts', { phones: plan.phones.count, events: plan.events.count, photos: plan.photos.count })}
          </p>
          {plan.events.heldBack.length > 0 && (
            <p className="office-muted office-small">{t('heldBack', { n: plan.events.heldBack.reduce((n, r) => n + r.count, 0) })}</p>
          )}
          <p className="office-muted office-small">
            {t('cutoffs', {
              phones: when(plan.cutoffs.phones, timeZone).split(' ')[0],
              events: when(plan.cutoffs.events, timeZone).split(' ')[0],
              photos: when(plan.cutoffs.photos, timeZone).split(' ')[0],
            })}
          </p>
        </>
      )}
    </section>
  );
}
