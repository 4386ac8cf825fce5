import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Line {
  label: string;
  value: string;
  testId: string;
}

/** A secret the API returns only once (a device key, a display token): copy it now or lose it. */
export function SecretOnce({ note, lines, onClose }: { note: string; lines: Line[]; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (line: Line) =>
    void navigator.clipboard?.writeText(line.value).then(
      () => setCopied(line.testId),
      () => setCopied(null),
    );
  return (
    <div className="ad-secret" role="status" data-testid="secret-once">
      <p className="ad-secret__note">⚠ {note}</p>
      {lines.map((line) => (
        <div key={line.testId} className="ad-secret__line">
          <span className="ad-secret__label">{line.label}</span>
          <code data-testid={line.testId}>{line.value}</code>
          <button type="button" className="tr-button" onClick={() => copy(line)}>
            {copied === line.testId ? t('copied') : t('copy')}
          </button>
        </div>
      ))}
      <button type="button" className="tr-button" onClick={onClose} data-testid="secret-close">
        ×
      </button>
    </div>
  );
}

/** The API's message for one field, beside that field. */
export function FieldError({ message, testId }: { message?: string; testId: string }) {
  return message ? (
    <span className="ad-field-error" role="alert" data-testid={testId}>
      {message}
    </span>
  ) : null;
}

/** A moment on the chosen site's clock, whoever's machine shows it. */
export const when = (iso: string | null, timeZone: string): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone, hour12: false }) : '—';
