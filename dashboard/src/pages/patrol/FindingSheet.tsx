import { NOTICE_WORKING_DAYS, type PatrolCheckpointView, type PatrolTodayView } from '@hallwatch/shared';
import { ChangeEvent, FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deadlineOptions } from './deadline';
import { preparePhoto, sizeText } from './photo';
import type { FindingInput } from './usePatrolDay';

type Severity = FindingInput['severity'];
const SEVERITIES: Severity[] = ['low', 'medium', 'high'];

/** The form for one finding: where, how bad, what, a photo, and optionally a notice to the department. */
export function FindingSheet({
  checkpoint,
  today,
  now,
  lang,
  onCancel,
  onSave,
}: {
  checkpoint: PatrolCheckpointView;
  today: PatrolTodayView;
  now: number;
  lang: 'zh' | 'en';
  onCancel: () => void;
  onSave: (finding: FindingInput) => void;
}) {
  const { t } = useTranslation('patrol');
  const [department, setDepartment] = useState('');
  const [win, setWindow] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [photoError, setPhotoError] = useState(false);
  const [notice, setNotice] = useState(false);
  const options = useMemo(
    () => deadlineOptions(now, today.utcOffsetMinutes, today.nextWorkingDays, NOTICE_WORKING_DAYS),
    [now, today.utcOffsetMinutes, today.nextWorkingDays],
  );
  const [deadline, setDeadline] = useState(() => options.find((o) => o.days === 1)?.iso ?? options[0]?.iso ?? '');
  const [noticeText, setNoticeText] = useState('');
  // A window implies its department, so the patroller picks one or the other.
  const windowDept = today.windows.find((w) => w.code === win)?.department ?? '';
  const noticeDept = department || windowDept;
  const canSave = !notice || (!!noticeDept && !!deadline);

  const pickPhoto = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const blob = await preparePhoto(file);
    setPhotoError(!blob);
    setPhoto(blob);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSave) return;
    onSave({
      department: noticeDept || undefined,
      window: win || undefined,
      severity,
      note: note.trim() || undefined,
      photo: photo ?? undefined,
      notice: notice ? { department: noticeDept, deadline, text: (noticeText || note).trim() || undefined } : undefined,
    });
  };

  const deptName = (code: string) => {
    const d = today.departments.find((x) => x.code === code);
    return d ? (lang === 'en' ? (d.nameEn ?? d.name) : d.name) : code;
  };

  return (
    <form className="pt-sheet" onSubmit={submit} data-testid="finding-sheet">
      <h3>{t('findingTitle')}</h3>
      <p className="pt-sheet__cp">{checkpoint.label[lang]}</p>
      <fieldset className="pt-field">
        <legend>{t('where')}</legend>
        <div className="pt-two">
          <label>
            <span>{t('department')}</span>
            <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="finding-department">
              <option value="">{t('choose')}</option>
              {today.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {deptName(d.code)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('window')}</span>
            <select value={win} onChange={(e) => setWindow(e.target.value)} data-testid="finding-window">
              <option value="">{t('choose')}</option>
              {today.windows.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.number ?? w.code}
                  {w.department ? ` · ${deptName(w.department)}` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset className="pt-field">
        <legend>{t('severity')}</legend>
        <div className="pt-seg" role="radiogroup">
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={severity === s}
              className={`pt-seg__opt pt-seg__opt--${s}${severity === s ? ' is-on' : ''}`}
              onClick={() => setSeverity(s)}
              data-testid={`severity-${s}`}
            >
              {t(s)}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="pt-field">
        <span>{t('note')}</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={note}
          placeholder={t('notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          data-testid="finding-note"
        />
      </label>
      <label className="pt-field pt-photo">
        <span>{t('photo')}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          onChange={(e) => void pickPhoto(e)}
          data-testid="finding-photo"
        />
        <span className="pt-photo__btn">{photo ? t('photoReady', { size: sizeText(photo.size) }) : t('photoTake')}</span>
        {photoError && <small className="pt-alert">{t('photoBad')}</small>}
      </label>
      <label className="pt-check">
        <input type="checkbox" checked={notice} onChange={(e) => setNotice(e.target.checked)} data-testid="finding-notice" />
        <span>{t('notice')}</span>
      </label>
      {notice && (
        <div className="pt-notice">
          <p className="pt-notice__to">
            {t('noticeTo')}：{noticeDept ? deptName(noticeDept) : <span className="pt-alert">{t('noticeNeedsDept')}</span>}
          </p>
          <label className="pt-field">
            <span>{t('deadline')}</span>
            <select value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="notice-deadline">
              {options.map((o) => (
                <option key={o.iso} value={o.iso}>
                  {o.days === 0 ? t('deadlineToday') : t('deadlineDays', { count: o.days, date: o.date })}
                </option>
              ))}
            </select>
          </label>
          <label className="pt-field">
            <span>{t('noticeText')}</span>
            <textarea rows={2} maxLength={2000} value={noticeText} placeholder={note} onChange={(e) => setNoticeText(e.target.value)} />
          </label>
        </div>
      )}
      <div className="pt-sheet__actions">
        <button type="button" className="pt-btn pt-btn--ghost" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="pt-btn pt-btn--danger" disabled={!canSave} data-testid="finding-save">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
