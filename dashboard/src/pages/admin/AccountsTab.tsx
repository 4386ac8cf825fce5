import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountForm } from './AccountForm';
import type { SiteView, UserView } from '@hallwatch/shared';
import { fieldTexts } from '../../api';
import { adminApi } from './api';
import { FieldError, when } from './SecretOnce';

interface Props {
  /** The signed-in admin's username: they cannot disable themselves here. */
  me: string;
  site: string;
  /** The chosen site's zone, for the times shown. */
  timeZone: string;
  sites: SiteView[];
  siteName: (s: SiteView) => string;
  fail: (err: unknown) => void;
}

/** The accounts of the chosen site (and those of every site): create, disable, unlock, reset, end sessions. */
export function AccountsTab({ me, site, timeZone, sites, siteName, fail }: Props) {
  const { t } = useTranslation('admin');
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [resetError, setResetError] = useState<string | undefined>();

  const load = useCallback(() => adminApi.users().then(setUsers, fail), [fail]);
  useEffect(() => void load(), [load]);

  const act = async (run: () => Promise<unknown>, message?: string) => {
    setNotice(null);
    try {
      await run();
      if (message) setNotice(message);
    } catch (err) {
      fail(err);
    }
    await load();
  };
  const reset = async (e: FormEvent, u: UserView) => {
    e.preventDefault();
    setResetError(undefined);
    try {
      await adminApi.resetPassword(u.id, newPassword);
      setResetting(null);
      setNewPassword('');
      setNotice(t('passwordReset', { username: u.username }));
    } catch (err) {
      const password = fieldTexts(err).password;
      if (password) setResetError(password);
      else fail(err);
    }
  };
  const sitesText = (s: UserView['sites']) =>
    s === 'all'
      ? t('allSites')
      : s.map((code) => (sites.find((x) => x.code === code) ? siteName(sites.find((x) => x.code === code)!) : code)).join('、');
  const stateText = (u: UserView) => {
    const parts = [];
    if (u.disabled) parts.push(t('stateDisabled'));
    if (u.lockedUntil && new Date(u.lockedUntil) > new Date()) parts.push(t('stateLocked', { time: when(u.lockedUntil, timeZone) }));
    if (u.mustChangePassword) parts.push(t('stateMustChange'));
    return parts.length ? parts.join(' · ') : t('stateActive');
  };
  const shown = (users ?? []).filter((u) => u.sites === 'all' || u.sites.includes(site));

  return (
    <section className="ad-panel ad-accounts" data-testid="tab-accounts">
      <div>
        {notice && (
          <p className="ad-notice" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        <table className="ad-table" data-testid="accounts">
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{t('role')}</th>
              <th>{t('sites')}</th>
              <th>{t('state')}</th>
              <th>{t('passwordChangedAt')}</th>
              <th>{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id} data-username={u.username} data-disabled={u.disabled ? 'yes' : 'no'}>
                <td>{u.username}</td>
                <td>
                  {t(`role_${u.role}`)}
                  {u.department ? ` · ${u.department}` : ''}
                </td>
                <td>{sitesText(u.sites)}</td>
                <td className={u.disabled ? 'ad-bad' : ''}>{stateText(u)}</td>
                <td className="ad-nowrap">{when(u.passwordChangedAt, timeZone)}</td>
                <td>
                  <div className="ad-actions">
                    {u.username !== me && (
                      <button
                        type="button"
                        className="tr-button"
                        onClick={() => void act(() => adminApi.setDisabled(u.id, !u.disabled))}
                        data-testid="toggle-disabled"
                      >
                        {u.disabled ? t('enable') : t('disable')}
                      </button>
                    )}
                    {u.lockedUntil && (
                      <button type="button" className="tr-button" onClick={() => void act(() => adminApi.unlock(u.id))}>
                        {t('unlock')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="tr-button"
                      onClick={() => setResetting(resetting === u.id ? null : u.id)}
                      data-testid="reset-password"
                    >
                      {t('resetPassword')}
                    </button>
                    <button
                      type="button"
                      className="tr-button"
                      onClick={() => void act(async () => setNotice(t('sessionsEnded', { n: (await adminApi.endSessions(u.id)).ended })))}
                      data-testid="end-sessions"
                    >
                      {t('endSessions')}
                    </button>
                    {resetting === u.id && (
                      <form className="ad-inline" onSubmit={(e) => void reset(e, u)}>
                        <input
                          type="password"
                          name="newPassword"
                          aria-label={t('newPassword')}
                          placeholder={t('newPassword')}
                          value={newPassword}
                          autoComplete="new-password"
                          onChange={(e) => setNewPassword(e.target.value)}
                        />
                        <button type="submit" className="tr-button tr-button--primary">
                          {t('save')}
                        </button>
                        <FieldError message={resetError} testId="error-newPassword" />
                      </form>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AccountForm
        key={site}
        site={site}
        sites={sites}
        siteName={siteName}
        fail={fail}
        onCreated={(u) => {
          setNotice(t('accountCreated', { username: u.username }));
          void load();
        }}
      />
    </section>
  );
}
