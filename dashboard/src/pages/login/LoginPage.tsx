import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';
import type { SignedInUser } from '@hallwatch/shared';
import { ApiError, errorText } from '../../api';
import { destination, loginApi } from './api';
import { ChangePasswordForm } from './ChangePasswordForm';
import './i18n';
import './login.css';

/** `/login[?next=/path]`: sign in with a Hallwatch account. Chinese first. */
export function LoginPage() {
  const { t, i18n } = useTranslation('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mustChange, setMustChange] = useState<SignedInUser | null>(null);
  // Sent here by a page that needs a session: say so, and go back there afterwards.
  const next = new URLSearchParams(location.search).get('next');

  const explain = (err: unknown): string => {
    if (!(err instanceof ApiError)) return errorText(err);
    if (err.status === 401) return t('wrong');
    if (err.status === 429)
      return err.retryAfterSeconds && err.retryAfterSeconds > 60
        ? t('throttled', { minutes: Math.ceil(err.retryAfterSeconds / 60) })
        : t('tooFast');
    return t('failed', { message: errorText(err) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const user = await loginApi.login(username.trim(), password);
      setPassword('');
      if (user.mustChangePassword) setMustChange(user);
      else location.assign(destination(user, next, location.origin));
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lg-page">
      <header className="lg-top">
        <span className="lg-product">Hallwatch · {t('product')}</span>
        <button type="button" className="lg-lang" onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
          {t('language')}
        </button>
      </header>
      <main className="lg-card">
        {mustChange ? (
          <>
            <p className="lg-help">{t('signedInAs', { username: mustChange.username, role: t(`roles.${mustChange.role}`) })}</p>
            <ChangePasswordForm
              onChanged={() => {
                setMustChange(null);
                setNotice(t('changed'));
              }}
            />
          </>
        ) : (
          <form className="lg-form" onSubmit={submit}>
            <h1>{t('title')}</h1>
            {notice && <p className="lg-notice">{notice}</p>}
            {!notice && next && (
              <p className="lg-help" data-testid="sign-in-needed">
                {t('needed')}
              </p>
            )}
            {error && (
              <p className="lg-error" role="alert">
                {error}
              </p>
            )}
            <label>
              <span>{t('username')}</span>
              <input
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
              />
            </label>
            <label>
              <span>{t('password')}</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
            <button type="submit" className="lg-button" disabled={busy || !username.trim() || !password}>
              {busy ? t('submitting') : t('submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
