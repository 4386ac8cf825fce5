import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { credentials } from './api';

const PATROLLER = /^[\p{L}\p{N}_.:/#-]{1,64}$/u;

/** Asks once per phone for the patrol token and who is walking; a refused token asks again. */
export function PatrolGate({ refused, onDone }: { refused: boolean; onDone: () => void }) {
  const { t } = useTranslation('patrol');
  const [token, setToken] = useState('');
  const [name, setName] = useState(credentials.patroller() ?? '');
  const cleanName = name.replace(/\s+/g, '');
  const valid = token.trim().length > 0 && PATROLLER.test(cleanName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    credentials.set(token.trim(), cleanName);
    onDone();
  };
  return (
    <form className="pt-gate" onSubmit={submit}>
      <h2>{t('gateTitle')}</h2>
      {refused && (
        <p className="pt-alert" role="alert">
          {t('gateWrong')}
        </p>
      )}
      <label>
        <span>{t('gateName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" data-testid="gate-name" />
        <small>{t('gateNameHelp')}</small>
      </label>
      <label>
        <span>{t('gateToken')}</span>
        <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" data-testid="gate-token" />
        <small>{t('gateTokenHelp')}</small>
      </label>
      <button type="submit" className="pt-btn pt-btn--primary pt-btn--block" disabled={!valid}>
        {t('gateSubmit')}
      </button>
    </form>
  );
}
