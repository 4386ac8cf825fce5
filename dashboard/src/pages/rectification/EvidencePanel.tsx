import type { RectificationEvidenceView } from '@hallwatch/shared';
import { FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceFieldErrors, shownErrors } from './evidence-errors';
import { useHallTime } from './format';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx';
const FIELDS = ['date', 'text', 'attachment'] as const;
const kb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function Source({ e }: { e: RectificationEvidenceView }) {
  const { t } = useTranslation('rectification');
  return e.source === 'report' ? (
    <span className="rect-source rect-source--report" data-testid="evidence-source">
      {t('fromReport', { line: e.sourceLine ?? '?' })}
    </span>
  ) : (
    <span className="rect-source" data-testid="evidence-source">
      {t('fromOffice')} · {e.createdBy}
    </span>
  );
}

/** The item's evidence, the report's and the office's, and the form to record more (text, day, file). */
export function EvidencePanel(props: {
  evidence: RectificationEvidenceView[];
  /** Rejects with the server's refusal; the panel shows it beside the field it names. */
  onAdd: (form: FormData) => Promise<void>;
  onFail: (err: unknown) => void;
  onDownload: (e: RectificationEvidenceView) => void;
}) {
  const { t } = useTranslation('rectification');
  const hall = useHallTime();
  const [date, setDate] = useState(hall.today);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    form.append('date', date);
    form.append('text', text);
    const chosen = file.current?.files?.[0];
    if (chosen) form.append('attachment', chosen);
    setBusy(true);
    setAdded(false);
    try {
      await props.onAdd(form);
      setErrors({});
      setText('');
      setAdded(true);
      if (file.current) file.current.value = '';
    } catch (err) {
      setErrors(shownErrors(err, evidenceFieldErrors(err, t, hall.today()), FIELDS, props.onFail));
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `ev-err-${field}` } : {});
  const error = (field: string) =>
    errors[field] && (
      <span className="rect-field-error" id={`ev-err-${field}`} role="alert" data-testid={`evidence-error-${field}`}>
        {errors[field]}
      </span>
    );
  return (
    <div className="rect-evidence">
      {props.evidence.length === 0 ? (
        <p className="office-muted">{t('noEvidence')}</p>
      ) : (
        <ul>
          {props.evidence.map((e) => (
            <li key={e.id} data-testid="evidence-entry" className={`rect-evidence__entry rect-evidence__entry--${e.source}`}>
              <time>{e.date}</time> <span className="rect-evidence__text">{e.text}</span> <Source e={e} />
              {e.attachment && (
                <button type="button" className="rect-button rect-button--link" onClick={() => props.onDownload(e)}>
                  {t('attachment')}: {e.attachment.name} ({kb(e.attachment.size)})
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="rect-evidence__form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="rect-evidence__field rect-evidence__field--date">
          <span>{t('evidenceDate')}</span>
          <input type="date" name="date" max={hall.today()} value={date} onChange={(e) => setDate(e.target.value)} {...invalid('date')} />
          {error('date')}
        </label>
        <label className="rect-evidence__field rect-evidence__field--text">
          <span>{t('evidenceText')}</span>
          <input name="text" value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} {...invalid('text')} />
          {error('text')}
        </label>
        <label className="rect-evidence__field rect-evidence__field--file">
          <span>{t('evidenceFile')}</span>
          <input type="file" name="attachment" accept={ACCEPT} ref={file} {...invalid('attachment')} />
          {error('attachment')}
        </label>
        <button type="submit" className="rect-button rect-button--primary" disabled={busy}>
          {t('addEvidence')}
        </button>
        {added && (
          <span className="rect-ok" role="status">
            ✓ {t('evidenceAdded')}
          </span>
        )}
      </form>
    </div>
  );
}
