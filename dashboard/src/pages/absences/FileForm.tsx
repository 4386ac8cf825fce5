import { ABSENCE_KIND_LABELS, type AbsenceKind, LEAVE_KINDS, OUTING_KINDS, type RollCallEntry } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { absencesApi } from './api';
import { hallInstant, Lang, localInput, registerError } from './format';

interface Props {
  site: string;
  lang: Lang;
  roster: RollCallEntry[];
  timeZone: string;
  onFiled: () => void;
  fail: (err: unknown) => void;
}

const HOUR = 3600_000;
const QUARTER = 15 * 60_000;

/** The form's first span: from the next quarter hour, two hours long. */
function firstSpan(timeZone: string): { from: string; to: string } {
  const start = Math.ceil(Date.now() / QUARTER) * QUARTER;
  return { from: localInput(new Date(start), timeZone), to: localInput(new Date(start + 2 * HOUR), timeZone) };
}

/** 填报: an outing or leave for a staff member, sent for someone else to decide. */
export function FileForm({ site, lang, roster, timeZone, onFiled, fail }: Props) {
  const { t } = useTranslation('absences');
  const [staff, setStaff] = useState('');
  const [kind, setKind] = useState<AbsenceKind>('official_business');
  const [from, setFrom] = useState(() => firstSpan(timeZone).from);
  const [to, setTo] = useState(() => firstSpan(timeZone).to);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setDone(null);
    setErrors({});
    try {
      const filed = await absencesApi.file(site, { staff, kind, from: hallInstant(from, timeZone), to: hallInstant(to, timeZone), reason });
      setDone(t('form.filed', { name: filed.staffName ?? filed.staff, kind: ABSENCE_KIND_LABELS[filed.kind][lang] }));
      setReason('');
      onFiled();
    } catch (err) {
      const worded = registerError(err, lang);
      if (worded) setErrors({ [worded.field]: worded.text });
      else if (err instanceof ApiError && err.field) setErrors({ [err.field]: `${err.field}: ${err.message}` });
      else fail(err);
    } finally {
      setBusy(false);
    }
  };

  const error = (field: string) =>
    errors[field] ? (
      <span className="ab-field-error" role="alert" data-testid={`ab-error-${field}`}>
        {errors[field]}
      </span>
    ) : null;
  const departments = [...new Set(roster.map((r) => r.department))];

  return (
    <form className="ab-panel ab-form" onSubmit={(e) => void submit(e)} data-testid="ab-file-form" noValidate>
      <h2>{t('form.title')}</h2>
      <label>
        {t('form.staff')}
        <select value={staff} onChange={(e) => setStaff(e.target.value)} data-testid="ab-form-staff" aria-invalid={!!errors.staff}>
          <option value="">{t('form.chooseStaff')}</option>
          {departments.map((d) => {
            const people = roster.filter((r) => r.department === d);
            return (
              <optgroup key={d ?? '-'} label={people[0]?.departmentName?.[lang] ?? d ?? '—'}>
                {people.map((r) => (
                  <option key={r.staff} value={r.staff}>
                    {r.name}（{r.staff}）
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
        {error('staff')}
      </label>
      <label>
        {t('form.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as AbsenceKind)} data-testid="ab-form-kind">
          <optgroup label={t('form.outings')}>
            {OUTING_KINDS.map((k) => (
              <option key={k} value={k}>
                {ABSENCE_KIND_LABELS[k][lang]}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('form.leave')}>
            {LEAVE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ABSENCE_KIND_LABELS[k][lang]}
              </option>
            ))}
          </optgroup>
        </select>
        {error('kind')}
      </label>
      <div className="ab-form__times">
        <label>
          {t('form.from')}
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="ab-form-from" />
          {error('from')}
        </label>
        <label>
          {t('form.to')}
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="ab-form-to" />
          {error('to')}
        </label>
      </div>
      <label>
        {t('form.reason')}
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={500}
          placeholder={t('form.reasonPlaceholder')}
          data-testid="ab-form-reason"
        />
        {error('reason')}
      </label>
      <button type="submit" className="tr-button tr-button--primary" disabled={busy} data-testid="ab-form-submit">
        {t('form.submit')}
      </button>
      {done && (
        <p className="ab-done" role="status">
          {done}
        </p>
      )}
      <p className="office-muted office-small">{t('form.hint')}</p>
    </form>
  );
}
