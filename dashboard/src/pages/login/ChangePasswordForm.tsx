import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { loginApi } from './api';

/** For a password an administrator set (or one past its age): the user picks their own, then signs in again. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation('login');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError(t('mismatch'));
    setBusy(true);
    setError(null);
    try {
      await loginApi.changePassword(current, next);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? t('currentWrong') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="lg-form" onSubmit={submit}>
      <h2>{t('changeTitle')}</h2>
      <p className="lg-help">{t('changeHelp')}</p>
      {error && (
        <p className="lg-error" role="alert">
          {error}
        </p>
      )}
      <label>
        <span>{t('current')}</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </label>
      <label>
        <span>{t('newPassword')}</span>
        <input type="password" autoComplete="new-password" minLength={12} value={next} onChange={(e) => setNext(e.target.value)} required />
        <small>{t('policy')}</small>
      </label>
      <label>
        <span>{t('confirm')}</span>
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
      </label>
      <button type="submit" className="lg-button" disabled={busy}>
        {t('change')}
      </button>
    </form>
  );
}
