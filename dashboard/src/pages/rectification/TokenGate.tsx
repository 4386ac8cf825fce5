import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminToken } from './api';

/** Asks once for the admin token; the page keeps it in sessionStorage until the tab closes. */
export function TokenGate({ refused, onToken }: { refused: boolean; onToken: () => void }) {
  const { t } = useTranslation('rectification');
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    adminToken.set(value.trim());
    onToken();
  };
  return (
    <form className="rect-token" onSubmit={submit}>
      <h2>{t('tokenTitle')}</h2>
      <p>{t('tokenHelp')}</p>
      {refused && (
        <p className="rect-error" role="alert">
          {t('tokenWrong')}
        </p>
      )}
      <input
        type="password"
        autoFocus
        autoComplete="off"
        aria-label={t('tokenTitle')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="rect-button rect-button--primary">
        {t('tokenSubmit')}
      </button>
    </form>
  );
}
