import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiError } from './api';
import { FieldError, SecretOnce, when } from './SecretOnce';
import { useSiteList } from './useAdmin';

/** Read-only tokens for the wall TVs: issue one (token and wall address shown once), list, revoke. */
export function DisplayTokensTab({ site, fail }: { site: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  const { rows, reload } = useSiteList(site, adminApi.displayTokens, fail);
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [issued, setIssued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const wall = issued && `${location.origin}/wall?${new URLSearchParams({ site, token: issued })}`;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    try {
      setIssued((await adminApi.createDisplayToken(site, name)).token);
      setName('');
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.fields.name) setFieldError(err.fields.name);
      else fail(err);
    }
  };
  const revoke = async (id: string) => {
    setConfirming(null);
    await adminApi.revokeDisplayToken(site, id).catch(fail);
    reload();
  };

  return (
    <section className="ad-panel" data-testid="tab-display-tokens">
      <p className="office-muted office-small">{t('displayTokenHint')}</p>
      <form className="ad-form" onSubmit={(e) => void create(e)}>
        <label>
          {t('name')}
          <input name="displayTokenName" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          <FieldError message={fieldError} testId="error-displayTokenName" />
        </label>
        <button type="submit" className="tr-button tr-button--primary">
          {t('newDisplayToken')}
        </button>
      </form>
      {issued && wall && (
        <SecretOnce
          note={t('tokenOnce')}
          lines={[
            { label: t('tabDisplayTokens'), value: issued, testId: 'issued-token' },
            { label: t('wallAddress'), value: wall, testId: 'wall-address' },
          ]}
          onClose={() => setIssued(null)}
        />
      )}
      {wall && (
        <p className="office-small">
          <a href={wall} target="_blank" rel="noreferrer" data-testid="open-wall">
            {t('openWall')} ↗
          </a>
        </p>
      )}
      <table className="ad-table" data-testid="display-tokens">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('prefix')}</th>
            <th>{t('createdBy')}</th>
            <th>{t('createdAt')}</th>
            <th>{t('state')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.length === 0 && (
            <tr>
              <td colSpan={6} className="office-muted">
                {t('none')}
              </td>
            </tr>
          )}
          {rows?.map((d) => (
            <tr key={d.id} data-prefix={d.prefix} data-revoked={d.revokedAt ? 'yes' : 'no'}>
              <td>{d.name}</td>
              <td>
                <code>{d.prefix}…</code>
              </td>
              <td>{d.createdBy}</td>
              <td className="ad-nowrap">{when(d.createdAt)}</td>
              <td className={d.revokedAt ? 'ad-bad' : 'ad-good'}>{d.revokedAt ? `${t('revoked')} ${when(d.revokedAt)}` : t('live')}</td>
              <td>
                {!d.revokedAt &&
                  (confirming === d.id ? (
                    <span className="ad-confirm">
                      {t('confirmRevoke', { name: d.name })}{' '}
                      <button type="button" className="tr-button ad-danger" onClick={() => void revoke(d.id)} data-testid="confirm-revoke">
                        {t('confirm')}
                      </button>{' '}
                      <button type="button" className="tr-button" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="tr-button" onClick={() => setConfirming(d.id)} data-testid="revoke">
                      {t('revoke')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
