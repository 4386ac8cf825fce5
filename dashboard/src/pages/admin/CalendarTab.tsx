import type { CalendarDayKind, CalendarDayView } from '@hallwatch/shared';
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import './admin-calendar.css';
import { calendarApi } from './calendar-api';
import { addMonths, dayIn, dayState, effectiveEntries, entryRuns, isoWeekday, monthGrid } from './calendar-days';
import './calendar-i18n';
import { formErrors } from './form-errors';
import { officialHolidays } from './official-holidays';
import { FieldError } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

const FORM_FIELDS = ['from', 'to', 'kind', 'name'] as const;

const linkedMonth = (): string | null => {
  const m = new URLSearchParams(location.search).get('month');
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : null;
};
type Scope = 'site' | 'all';

interface Form {
  from: string;
  to: string;
  kind: CalendarDayKind;
  name: string;
  scope: Scope;
}

/**
 * The working calendar (工作日历) a month at a time: the week's working days, the holidays and
 * the make-up working days (调休) of the site and of every site, with a form to enter or remove
 * them. Follow-up deadlines and patrol rounds count in this calendar, so an edit moves them.
 */
export function CalendarTab({ site, lang, timeZone, fail, allSites }: AdminTabProps & { allSites: boolean }) {
  const { t } = useTranslation('adminCalendar');
  const today = dayIn(timeZone);
  // A link may open a month of its own (?month=2026-10); otherwise this month.
  const [month, setMonth] = useState(() => linkedMonth() ?? today.slice(0, 7));
  const [entries, setEntries] = useState<{ month: string; rows: CalendarDayView[] } | null>(null);
  const [reloads, setReloads] = useState(0);
  const [form, setForm] = useState<Form>({ from: today, to: '', kind: 'holiday', name: '', scope: 'site' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const grid = useMemo(() => monthGrid(month), [month]);
  useEffect(() => {
    let live = true;
    calendarApi.list(site, grid[0], grid[grid.length - 1]).then((rows) => live && setEntries({ month, rows }), fail);
    return () => {
      live = false;
    };
  }, [site, month, grid, reloads, fail]);

  const rows = entries?.month === month ? entries.rows : null;
  const byDay = useMemo(() => effectiveEntries(rows ?? []), [rows]);
  const runs = useMemo(() => entryRuns((rows ?? []).filter((e) => e.day.startsWith(month))), [rows, month]);
  const [year, mon] = month.split('-').map(Number);
  const official = officialHolidays(year);

  const pick = (day: string) => {
    setForm((f) => ({ ...f, from: day, to: '', kind: isoWeekday(day) >= 6 ? 'workday' : 'holiday' }));
    setErrors({});
    setNote(null);
  };
  const scopeSite = (scope: Scope) => (scope === 'all' ? null : site);

  // A refusal of this form's fields reads in the form's words; anything else goes to the page's banner.
  const refused = (err: unknown) => {
    const shown = err instanceof ApiError ? FORM_FIELDS.filter((f) => f in err.fields) : [];
    const others = formErrors(err, shown, fail);
    setErrors({ ...others, ...Object.fromEntries(shown.map((f) => [f, t(`err_${f}`)])) });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    setErrors({});
    setBusy(true);
    try {
      const body = { from: form.from, kind: form.kind, name: form.name.trim(), ...(form.to ? { to: form.to } : {}) };
      const saved = await calendarApi.set(scopeSite(form.scope), body);
      setNote(t('saved', { days: saved.filter((d) => (d.site === null) === (form.scope === 'all')).length }));
      setReloads((n) => n + 1);
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (days: string[], entrySite: string | null) => {
    setNote(null);
    setBusy(true);
    try {
      for (const d of days) await calendarApi.remove(entrySite === null ? null : site, d);
      setNote(t('removed'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
      setReloads((n) => n + 1);
    }
  };

  const loadYear = async () => {
    if (!official) return;
    setNote(null);
    setBusy(true);
    try {
      for (const edit of official) await calendarApi.set(scopeSite(form.scope), edit);
      setNote(t('loadYearDone', { year, n: official.length }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
      setReloads((n) => n + 1);
    }
  };

  const span = (from: string, to: string) => (from === to ? from : `${from} – ${to}`);
  const weekdays = t('weekdays', { returnObjects: true }) as string[];

  return (
    <section className="ad-panel" data-testid="tab-calendar">
      <p className="office-muted office-small">{t('hint')}</p>
      <div className="cal-layout">
        <div>
          <div className="tr-controls cal-nav">
            <button type="button" className="tr-button" onClick={() => setMonth((m) => addMonths(m, -1))} data-testid="cal-prev">
              {t('prevMonth')}
            </button>
            <h2 className="ad-h2 cal-month" data-testid="cal-month">
              {lang === 'en'
                ? new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
                    new Date(Date.UTC(year, mon - 1)),
                  )
                : t('monthTitle', { year, month: mon })}
            </h2>
            <button type="button" className="tr-button" onClick={() => setMonth((m) => addMonths(m, 1))} data-testid="cal-next">
              {t('nextMonth')}
            </button>
            <button type="button" className="tr-button" disabled={month === today.slice(0, 7)} onClick={() => setMonth(today.slice(0, 7))}>
              {t('thisMonth')}
            </button>
          </div>
          <div className="cal-grid" role="grid" aria-busy={rows ? undefined : true} data-testid="cal-grid" data-month={month}>
            {weekdays.map((w, i) => (
              <div key={w} className={i >= 5 ? 'cal-head cal-head--rest' : 'cal-head'} role="columnheader">
                {w}
              </div>
            ))}
            {grid.map((day) => {
              const entry = byDay.get(day);
              const state = dayState(day, entry);
              const classes = ['cal-day', `cal-day--${state}`];
              if (!day.startsWith(month)) classes.push('cal-day--other');
              if (day === today) classes.push('cal-day--today');
              if (day === form.from || (form.to && day > form.from && day <= form.to)) classes.push('cal-day--picked');
              return (
                <button
                  key={day}
                  type="button"
                  role="gridcell"
                  className={classes.join(' ')}
                  data-day={day}
                  data-state={state}
                  title={`${day} ${t(`state_${state}`)}${entry ? ` · ${entry.name}` : ''}`}
                  onClick={() => pick(day)}
                >
                  <span className="cal-day__n">{Number(day.slice(8))}</span>
                  {(state === 'holiday' || state === 'workday') && <span className="cal-day__badge">{t(`badge_${state}`)}</span>}
                  <span className="cal-day__name">{entry?.name || (day === today ? t('today') : '')}</span>
                </button>
              );
            })}
          </div>
          <ul className="cal-legend">
            {(['work', 'rest', 'holiday', 'workday'] as const).map((s) => (
              <li key={s}>
                <span className={`cal-swatch cal-day--${s}`} /> {t(`state_${s}`)}
              </li>
            ))}
          </ul>
        </div>

        <form className="cal-form" onSubmit={(e) => void save(e)} noValidate data-testid="calendar-form">
          <h2 className="ad-h2">{t('formTitle')}</h2>
          <p className="office-muted office-small">{t('formHint')}</p>
          <div className="cal-pair">
            <label>
              {t('from')}
              <input
                type="date"
                name="from"
                value={form.from}
                aria-invalid={errors.from ? true : undefined}
                onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
              />
            </label>
            <label>
              {t('to')}
              <input
                type="date"
                name="to"
                value={form.to}
                min={form.from || undefined}
                aria-invalid={errors.to ? true : undefined}
                onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
              />
            </label>
          </div>
          <FieldError message={errors.from && `${t('notSaved')}${errors.from}`} testId="error-from" />
          <FieldError message={errors.to && `${t('notSaved')}${errors.to}`} testId="error-to" />
          <fieldset className="cal-choice">
            <legend>{t('kind')}</legend>
            {(['holiday', 'workday'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="kind" value={k} checked={form.kind === k} onChange={() => setForm((f) => ({ ...f, kind: k }))} />
                {t(`kind_${k}`)}
              </label>
            ))}
          </fieldset>
          <FieldError message={errors.kind && `${t('notSaved')}${errors.kind}`} testId="error-kind" />
          <label>
            {t('name')}
            <input
              type="text"
              name="name"
              value={form.name}
              placeholder={t('namePlaceholder')}
              aria-invalid={errors.name ? true : undefined}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
            />
          </label>
          <FieldError message={errors.name && `${t('notSaved')}${errors.name}`} testId="error-name" />
          <fieldset className="cal-choice">
            <legend>{t('scope')}</legend>
            {(['site', 'all'] as const).map((s) => (
              <label key={s} title={s === 'all' && !allSites ? t('scopeAllOnly') : undefined}>
                <input
                  type="radio"
                  name="scope"
                  value={s}
                  checked={form.scope === s}
                  disabled={s === 'all' && !allSites}
                  onChange={() => setForm((f) => ({ ...f, scope: s }))}
                />
                {t(`scope_${s}`)}
              </label>
            ))}
          </fieldset>
          <div className="ad-settings__actions">
            <button type="submit" className="tr-button tr-button--primary" disabled={busy} data-testid="save-calendar">
              {t('save')}
            </button>
            {note && (
              <span className="ad-good" role="status" data-testid="calendar-note">
                {note}
              </span>
            )}
          </div>
          {official ? (
            <button type="button" className="tr-button cal-load" disabled={busy} onClick={() => void loadYear()} data-testid="load-year">
              {t('loadYear', { year })}
            </button>
          ) : (
            <p className="office-muted office-small">{t('loadYearMissing', { year })}</p>
          )}
        </form>
      </div>

      <h2 className="ad-h2 cal-entries-title">{t('entriesTitle')}</h2>
      <table className="ad-table" data-testid="calendar-entries">
        <thead>
          <tr>
            <th>{t('colDays')}</th>
            <th>{t('colKind')}</th>
            <th>{t('colName')}</th>
            <th>{t('colScope')}</th>
            <th>{t('colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows && runs.length === 0 && (
            <tr>
              <td colSpan={5} className="office-muted">
                {t('entriesNone')}
              </td>
            </tr>
          )}
          {runs.map((r) => (
            <tr key={`${r.site ?? '*'}-${r.from}`} data-from={r.from} data-to={r.to} data-scope={r.site === null ? 'all' : 'site'}>
              <td className="ad-nowrap">
                {span(r.from, r.to)}
                {r.days.length > 1 && <span className="office-muted"> · {t('daysCount', { n: r.days.length })}</span>}
              </td>
              <td>
                <span className={`cal-pill cal-pill--${r.kind}`}>{t(`state_${r.kind}`)}</span>
              </td>
              <td>{r.name}</td>
              <td>{r.site === null ? t('scope_all') : t('scope_site')}</td>
              <td>
                <button
                  type="button"
                  className="tr-button ad-danger"
                  disabled={busy || (r.site === null && !allSites)}
                  title={r.site === null && !allSites ? t('scopeAllOnly') : undefined}
                  onClick={() => void remove(r.days, r.site)}
                  data-testid="remove-entry"
                >
                  {t('remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
