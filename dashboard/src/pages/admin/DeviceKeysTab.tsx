import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiError } from './api';
import { FieldError, SecretOnce, when } from './SecretOnce';
import { useSiteList } from './useAdmin';

/** A site's device keys: issue one (shown once), list them, revoke with a confirmation. */
export function DeviceKeysTab({ site, fail }: { site: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  const { rows, reload } = useSiteList(site, adminApi.deviceKeys, fail);
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [issued, setIssued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    try {
      setIssued((await adminApi.createDeviceKey(site, name)).key);
      setName('');
      reload();
    } catch (err) {
      if (err instanceof ApiError && err.fields.name) setFieldError(err.fields.name);
      else fail(err);
    }
  };
  const revoke = async (id: string) => {
    setConfirming(null);
    await adminApi.revokeDeviceKey(site, id).catch(fail);
    reload();
  };

  return (
    <section className="ad-panel" data-testid="tab-device-keys">
      <p className="office-muted office-small">{t('deviceKeyHint')}</p>
      <form className="ad-form" onSubmit={(e) => void create(e)}>
        <label>
          {t('name')}
          <input name="deviceKeyName" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          <FieldError message={fieldError} testId="error-deviceKeyName" />
        </label>
        <button type="submit" className="tr-button tr-button--primary">
          {t('newDeviceKey')}
        </button>
      </form>
      {issued && (
        <SecretOnce
          note={t('keyOnce')}
          lines={[{ label: t('tabDeviceKeys'), value: issued, testId: 'issued-key' }]}
          onClose={() => setIssued(null)}
        />
      )}
      <table className="ad-table" data-testid="device-keys">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('prefix')}</th>
            <th>{t('signature')}</th>
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
          {rows?.map((k) => (
            <tr key={k.id} data-prefix={k.prefix} data-revoked={k.revokedAt ? 'yes' : 'no'}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.requireSignature ? t('signatureRequired') : t('signatureOptional')}</td>
              <td className="ad-nowrap">{when(k.createdAt)}</td>
              <td className={k.revokedAt ? 'ad-bad' : 'ad-good'}>{k.revokedAt ? `${t('revoked')} ${when(k.revokedAt)}` : t('live')}</td>
              <td>
                {!k.revokedAt &&
                  (confirming === k.id ? (
                    <span className="ad-confirm">
                      {t('confirmRevoke', { name: k.name })}{' '}
                      <button type="button" className="tr-button ad-danger" onClick={() => void revoke(k.id)} data-testid="confirm-revoke">
                        {t('confirm')}
                      </button>{' '}
                      <button type="button" className="tr-button" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="tr-button" onClick={() => setConfirming(k.id)} data-testid="revoke">
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
