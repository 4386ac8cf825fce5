import {
  ABSENCE_KIND_LABELS,
  ABSENCE_STATE_LABELS,
  ABSENCE_STATES,
  type AbsenceEntryView,
  type AbsenceState,
  type DepartmentView,
  type Me,
  type RollCallEntry,
} from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absencesApi } from './api';
import { FileForm } from './FileForm';
import { addDays, hallTime, hallToday, Lang, span } from './format';

const params = new URLSearchParams(location.search);

interface Props {
  site: string;
  me: Me;
  lang: Lang;
  departments: DepartmentView[];
  roster: RollCallEntry[];
  timeZone: string;
  onTimeZone: (zone: string) => void;
  onChanged: () => void;
  fail: (err: unknown) => void;
}

/** The register of a day (or every pending entry), the filing form, and each entry's next step. */
export function RegisterTab({ site, me, lang, departments, roster, timeZone, onTimeZone, onChanged, fail }: Props) {
  const { t } = useTranslation('absences');
  const today = hallToday(timeZone);
  const [dayChoice, setDay] = useState<string | null>(params.get('day'));
  const [department, setDepartment] = useState<string | null>(params.get('department'));
  const [state, setState] = useState<AbsenceState | null>((params.get('state') as AbsenceState | null) ?? null);
  const [pendingOnly, setPendingOnly] = useState(false);
  const [entries, setEntries] = useState<AbsenceEntryView[] | null>(null);
  // The server's clock decides what has begun, not the reader's machine.
  const [asOf, setAsOf] = useState(0);
  const [version, setVersion] = useState(0);
  const day = dayChoice ?? today;
  const isDepartment = me.role === 'department';
  const decides = me.role === 'admin' || me.role === 'supervisor';

  useEffect(() => {
    let live = true;
    const q = pendingOnly ? { state: 'pending' as const, department } : { day, department, state };
    absencesApi.list(site, q).then((r) => {
      if (!live) return;
      setEntries(r.entries);
      setAsOf(Date.parse(r.asOf));
      onTimeZone(r.timeZone);
    }, fail);
    return () => {
      live = false;
    };
  }, [site, day, department, state, pendingOnly, version, fail, onTimeZone]);

  const changed = useCallback(() => {
    setVersion((n) => n + 1);
    onChanged();
  }, [onChanged]);

  return (
    <div className="ab-register">
      <section className="ab-panel ab-list">
        <form className="tr-controls ab-controls" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('day')}
            <button type="button" className="tr-button ab-step" aria-label={t('prevDay')} onClick={() => setDay(addDays(day, -1))}>
              ‹
            </button>
            <input
              type="date"
              value={day}
              onChange={(e) => e.target.value && setDay(e.target.value)}
              disabled={pendingOnly}
              data-testid="ab-day"
            />
            <button type="button" className="tr-button ab-step" aria-label={t('nextDay')} onClick={() => setDay(addDays(day, 1))}>
              ›
            </button>
            {day !== today && (
              <button type="button" className="tr-link ab-today" onClick={() => setDay(null)}>
                {t('today')}
              </button>
            )}
          </label>
          {!isDepartment && (
            <label>
              {t('department')}
              <select value={department ?? ''} onChange={(e) => setDepartment(e.target.value || null)} data-testid="ab-department">
                <option value="">{t('allDepartments')}</option>
                {departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {(lang === 'en' && d.nameEn) || d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('state')}
            <select value={state ?? ''} onChange={(e) => setState((e.target.value || null) as AbsenceState | null)} disabled={pendingOnly}>
              <option value="">{t('allStates')}</option>
              {ABSENCE_STATES.map((s) => (
                <option key={s} value={s}>
                  {ABSENCE_STATE_LABELS[s][lang]}
                </option>
              ))}
            </select>
          </label>
          <label className="ab-check">
            <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} data-testid="ab-pending-only" />
            {t('pendingOnly')}
          </label>
        </form>
        {entries === null ? (
          <p className="office-muted">{t('loading')}</p>
        ) : entries.length === 0 ? (
          <p className="office-muted ab-empty">{pendingOnly ? t('noPending') : t('noEntries')}</p>
        ) : (
          <div className="ab-scroll">
            <table className="ab-table" data-testid="ab-entries">
              <thead>
                <tr>
                  <th>{t('col.staff')}</th>
                  <th>{t('col.department')}</th>
                  <th>{t('col.kind')}</th>
                  <th>{t('col.span')}</th>
                  <th>{t('col.reason')}</th>
                  <th>{t('col.state')}</th>
                  <th>{t('col.filed')}</th>
                  <th>{t('col.decision')}</th>
                  <th>{t('col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <EntryRow
                    key={e.id}
                    entry={e}
                    site={site}
                    me={me}
                    lang={lang}
                    timeZone={timeZone}
                    now={asOf}
                    decides={decides}
                    onChanged={changed}
                    fail={fail}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {(decides || isDepartment) && <FileForm site={site} lang={lang} roster={roster} timeZone={timeZone} onFiled={changed} fail={fail} />}
    </div>
  );
}

interface RowProps {
  entry: AbsenceEntryView;
  site: string;
  me: Me;
  lang: Lang;
  timeZone: string;
  /** When the list was read, on the server's clock. */
  now: number;
  decides: boolean;
  onChanged: () => void;
  fail: (err: unknown) => void;
}

function EntryRow({ entry: e, site, me, lang, timeZone, now, decides, onChanged, fail }: RowProps) {
  const { t } = useTranslation('absences');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (act: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await act();
      onChanged();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const started = Date.parse(e.from) <= now;
  const canCancel = e.state === 'pending' || (e.state === 'approved' && !started);
  const canReturn = e.state === 'approved' && started && !e.returnedAt && Date.parse(e.to) > now;
  const own = e.filedBy === me.username;
  const name = e.staffName ?? e.staff;
  return (
    <tr data-testid={`ab-entry-${e.staff}`} data-state={e.state}>
      <td className="ab-nowrap">
        <b>{name}</b>
        <div className="office-muted ab-code">{e.staff}</div>
      </td>
      <td className="ab-dept">{e.departmentName?.[lang] ?? e.department ?? '—'}</td>
      <td>
        <span className={`ab-kind ab-kind--${e.category}`}>{ABSENCE_KIND_LABELS[e.kind][lang]}</span>
      </td>
      <td className="ab-nowrap">{span(e.from, e.to, timeZone)}</td>
      <td className="ab-reason">{e.reason}</td>
      <td>
        <span className={`ab-state ab-state--${e.state}`}>{ABSENCE_STATE_LABELS[e.state][lang]}</span>
        {e.late && <span className="ab-badge">{t('late')}</span>}
        {e.returnedAt && <div className="office-muted ab-code">{t('returnedAt', { at: hallTime(e.returnedAt, timeZone) })}</div>}
      </td>
      <td className="ab-nowrap">
        {e.filedBy}
        <div className="office-muted ab-code">{hallTime(e.filedAt, timeZone)}</div>
      </td>
      <td className="ab-decision">
        {e.decidedBy && (
          <>
            {e.decidedBy}
            <div className="office-muted ab-code">{hallTime(e.decidedAt, timeZone)}</div>
          </>
        )}
        {e.cancelledBy && (
          <>
            {e.cancelledBy}
            <div className="office-muted ab-code">{hallTime(e.cancelledAt, timeZone)}</div>
          </>
        )}
        {(e.decisionNote ?? e.cancelNote) && <div className="ab-note">{e.decisionNote ?? e.cancelNote}</div>}
      </td>
      <td>
        <div className="ab-actions">
          {e.state === 'pending' && decides && !own && (
            <div className="ab-decide">
              <input
                value={note}
                onChange={(ev) => setNote(ev.target.value)}
                placeholder={t('notePlaceholder')}
                aria-label={t('notePlaceholder')}
                data-testid="ab-note"
              />
              <button
                type="button"
                className="tr-button tr-button--primary"
                disabled={busy}
                onClick={() => void run(() => absencesApi.decide(site, e.id, 'approved', note.trim()))}
                data-testid="ab-approve"
              >
                {t('approve')}
              </button>
              <button
                type="button"
                className="tr-button ab-danger"
                disabled={busy}
                onClick={() => void run(() => absencesApi.decide(site, e.id, 'rejected', note.trim()))}
                data-testid="ab-reject"
              >
                {t('reject')}
              </button>
            </div>
          )}
          {e.state === 'pending' && own && <span className="office-muted ab-code">{t('ownFiling')}</span>}
          {canCancel && (
            <button
              type="button"
              className="tr-button"
              disabled={busy}
              onClick={() => confirm(t('confirmCancel')) && void run(() => absencesApi.cancel(site, e.id))}
              data-testid="ab-cancel"
            >
              {t('cancel')}
            </button>
          )}
          {canReturn && (
            <button
              type="button"
              className="tr-button"
              disabled={busy}
              onClick={() => confirm(t('confirmReturn', { name })) && void run(() => absencesApi.returned(site, e.id))}
              data-testid="ab-return"
            >
              {t('returned')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
