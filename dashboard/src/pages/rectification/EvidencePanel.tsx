import type { RectificationEvidenceView } from '@hallwatch/shared';
import { FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHallTime } from './format';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx';
const kb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function EvidencePanel(props: {
  evidence: RectificationEvidenceView[];
  onAdd: (form: FormData) => Promise<void>;
  onDownload: (e: RectificationEvidenceView) => void;
}) {
  const { t } = useTranslation('rectification');
  const hall = useHallTime();
  const [date, setDate] = useState(hall.today);
  const [text, setText] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    form.append('date', date);
    form.append('text', text);
    const chosen = file.current?.files?.[0];
    if (chosen) form.append('attachment', chosen);
    await props.onAdd(form);
    setText('');
    if (file.current) file.current.value = '';
  };
  return (
    <div className="rect-evidence">
      {props.evidence.length === 0 ? (
        <p className="office-muted">{t('noEvidence')}</p>
      ) : (
        <ul>
          {props.evidence.map((e) => (
            <li key={e.id}>
              <time>{e.date}</time> <span>{e.text}</span>
              {e.attachment && (
                <button type="button" className="rect-button rect-button--link" onClick={() => props.onDownload(e)}>
                  {t('attachment')}: {e.attachment.name} ({kb(e.attachment.size)})
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="rect-evidence__form" onSubmit={(e) => void submit(e)}>
        <input type="date" aria-label={t('evidenceDate')} required value={date} onChange={(e) => setDate(e.target.value)} />
        <input
          aria-label={t('evidenceText')}
          placeholder={t('evidenceText')}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <input type="file" aria-label={t('evidenceFile')} title={t('evidenceFile')} accept={ACCEPT} ref={file} />
        <button type="submit" className="rect-button">
          {t('addEvidence')}
        </button>
      </form>
    </div>
  );
}
