import { NOTICE_WORKING_DAYS, type PatrolFindingView, type PatrolTodayView } from '@hallwatch/shared';
import { FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldTexts } from '../../api';
import { noticesApi } from './notices-api';
import { type DeskNames, useLoaded } from './PatrolFollowUp';

const MAX_FINDINGS = 20;

/** A hall-local day and time as an ISO time with the hall's offset, as the notice API takes a deadline. */
function hallTime(day: string, hhmm: string, offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}T${hhmm}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const newId = () => `desk-${crypto.randomUUID()}`;

/** Open findings with no notice yet; each can be turned into a 督查告知书 with a deadline and a requirement. */
export function FindingsSection(props: {
  site: string;
  today: PatrolTodayView | null;
  names: DeskNames;
  version: number;
  changed: () => void;
}) {
  const { site, today, names, version, changed } = props;
  const { t, i18n } = useTranslation('deskNotices');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const load = useCallback(() => noticesApi.openFindings(site), [site]);
  const { value: findings, failed } = useLoaded(load, version);
  const [open, setOpen] = useState<string | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const waiting = useMemo(() => (findings ?? []).filter((f) => !f.notice), [findings]);
  const at = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: names.timeZone,
      month: lang === 'en' ? 'short' : '2-digit',
      day: lang === 'en' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return (iso: string) => f.format(new Date(iso));
  }, [names.timeZone, lang]);
  const label = (code: string) => today?.checkpoints.find((c) => c.code === code)?.label[lang] ?? code;

  return (
    <section className="dk-panel dn-findings" data-testid="desk-findings">
      <h2>
        {t('findingsTitle')}
        {findings && <span className="dk-count">{waiting.length}</span>}
      </h2>
      {issued && (
        <p className="dn-ok" role="status" data-testid="notice-issued">
          {t('issued', { number: issued })}
        </p>
      )}
      {failed ? (
        <p className="dk-error" role="alert">
          {t('failed', { message: failed })}
        </p>
      ) : !findings ? (
        <p className="office-muted">{t('loading')}</p>
      ) : !waiting.length ? (
        <p className="office-muted dk-empty">{t('findingsNone')}</p>
      ) : (
        <ul className="dn-list">
          {waiting.slice(0, MAX_FINDINGS).map((f) => {
            const win = names.windowName(f.window);
            return (
              <li key={f.id} data-testid={`finding-${f.checkEventId}`}>
                <div className="dn-finding">
                  <div>
                    <strong>{label(f.checkpoint)}</strong>
                    {f.severity && <span className={`dk-tag dn-sev dn-sev--${f.severity}`}>{t(`severity.${f.severity}`)}</span>}
                    {f.note && <span className="dk-summary">{f.note}</span>}
                    <span className="office-muted office-small dk-meta">
                      {at(f.occurredAt)} · {f.department ? names.deptName(f.department) : t('noDepartment')}
                      {win && ` · ${win}`}
                      {f.hasPhoto && (
                        <>
                          {' · '}
                          <a
                            href={`/api/v1/patrol/sites/${encodeURIComponent(site)}/photos/${encodeURIComponent(f.checkEventId)}`}
                            target="_blank"
                            rel="noreferrer"
                          >
                            {t('photo')}
                          </a>
                        </>
                      )}
                    </span>
                  </div>
                  {open !== f.id && (
                    <button type="button" className="dn-button" onClick={() => setOpen(f.id)} data-testid={`issue-${f.checkEventId}`}>
                      {t('issue')}
                    </button>
                  )}
                </div>
                {open === f.id && (
                  <IssueForm
                    site={site}
                    finding={f}
                    today={today}
                    names={names}
                    onCancel={() => setOpen(null)}
                    onIssued={(number) => {
                      setOpen(null);
                      setIssued(number);
                      changed();
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {waiting.length > MAX_FINDINGS && (
        <p className="office-muted office-small">{t('findingsMore', { n: waiting.length - MAX_FINDINGS })}</p>
      )}
    </section>
  );
}

function IssueForm(props: {
  site: string;
  finding: PatrolFindingView;
  today: PatrolTodayView | null;
  names: DeskNames;
  onCancel: () => void;
  onIssued: (number: string) => void;
}) {
  const { site, finding, today, names, onCancel, onIssued } = props;
  const { t } = useTranslation('deskNotices');
  // Deadlines on the hall's working days (holidays off, 调休 worked), at the close of the day.
  const days = NOTICE_WORKING_DAYS.flatMap((n) => {
    const day = today?.nextWorkingDays[n - 1];
    return day ? [{ n, day }] : [];
  });
  const [department, setDepartment] = useState(finding.department ?? '');
  // The third working day unless one is picked; read at each render, because the form can open
  // before today's working days have loaded.
  const [picked, setDeadline] = useState('');
  const deadline = picked || (days.find((d) => d.n === 3)?.day ?? days[0]?.day ?? '');
  const [requirement, setRequirement] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // One id per form, so that a second click after a lost answer finds the same notice.
  const [id] = useState(newId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!department) local.department = t('chooseDepartment');
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    try {
      const notice = await noticesApi.issue(site, {
        id,
        check: finding.checkEventId,
        department,
        deadline: hallTime(deadline, '17:30', today?.utcOffsetMinutes ?? 480),
        text: requirement.trim() || null,
      });
      onIssued(notice.number ?? notice.id);
    } catch (err) {
      const byField = fieldTexts(err);
      // The deadline is picked from the working days offered, so only the finding's age can fail it.
      if (byField.deadline) byField.deadline = t('deadlineTooLate');
      setErrors(Object.keys(byField).length ? byField : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: string) =>
    errors[name] && (
      <span className="dn-field-error" role="alert" id={`dn-${name}-error`}>
        {errors[name]}
      </span>
    );
  return (
    <form className="dn-form" onSubmit={submit} data-testid="issue-form" noValidate>
      <strong className="dn-form__title">{t('issueTitle')}</strong>
      <label>
        <span>{t('department')}</span>
        <select
          name="department"
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
          aria-invalid={errors.department ? true : undefined}
        >
          <option value="">{t('chooseDepartment')}</option>
          {(today?.departments ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {names.deptName(d.code)}
            </option>
          ))}
          {finding.department && !today?.departments.some((d) => d.code === finding.department) && (
            <option value={finding.department}>{names.deptName(finding.department)}</option>
          )}
        </select>
        {fieldError('department')}
      </label>
      <label>
        <span>{t('deadline')}</span>
        <select
          name="deadline"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          aria-invalid={errors.deadline ? true : undefined}
        >
          {days.map((d) => (
            <option key={d.n} value={d.day}>
              {t('deadlineOption', { n: d.n, day: d.day })}
            </option>
          ))}
        </select>
        {fieldError('deadline')}
      </label>
      <label className="dn-form__wide">
        <span>{t('requirement')}</span>
        <textarea
          name="text"
          rows={3}
          maxLength={2000}
          value={requirement}
          placeholder={t('requirementPlaceholder')}
          onChange={(e) => setRequirement(e.target.value)}
          aria-invalid={errors.text ? true : undefined}
        />
        {fieldError('text')}
      </label>
      {fieldError('check')}
      {fieldError('form')}
      <div className="dn-form__actions">
        <button type="submit" className="dn-button dn-button--primary" disabled={busy || !deadline} data-testid="issue-submit">
          {t('submit')}
        </button>
        <button type="button" className="dn-button dn-button--plain" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
