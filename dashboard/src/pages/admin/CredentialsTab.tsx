import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTexts } from '../../api';
import { FieldError, SecretOnce, when } from './SecretOnce';
import { useSiteList } from './useAdmin';

interface Credential {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CredentialKind<T extends Credential> {
  /** Names the tab and its table for tests: `tab-<id>`, `<id>`. */
  id: string;
  /** The name input's name, and its error's test id `error-<inputName>`. */
  inputName: string;
  hint: string;
  newLabel: string;
  onceNote: string;
  list: (site: string) => Promise<T[]>;
  /** Issues one and returns the secret the API shows this once. */
  issue: (site: string, name: string) => Promise<string>;
  revoke: (site: string, id: string) => Promise<unknown>;
  /** The secret and anything derived from it (a wall address), each a line to copy. */
  secretLines: (secret: string) => Array<{ label: string; value: string; testId: string }>;
  /** Shown under the secret while it is on screen. */
  afterSecret?: (secret: string) => ReactNode;
  /** The one column that differs between kinds. */
  column: { header: string; cell: (row: T) => ReactNode };
}

/** A site's credentials of one kind: issue one (shown once), list them, revoke with a confirmation. */
export function CredentialsTab<T extends Credential>({
  site,
  timeZone,
  fail,
  kind,
}: {
  site: string;
  timeZone: string;
  fail: (err: unknown) => void;
  kind: CredentialKind<T>;
}) {
  const { t } = useTranslation('admin');
  const { rows, reload } = useSiteList(site, kind.list, fail);
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [issued, setIssued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    try {
      setIssued(await kind.issue(site, name));
      setName('');
      reload();
    } catch (err) {
      const nameError = fieldTexts(err).name;
      if (nameError) setFieldError(nameError);
      else fail(err);
    }
  };
  const revoke = async (id: string) => {
    setConfirming(null);
    await kind.revoke(site, id).catch(fail);
    reload();
  };

  return (
    <section className="ad-panel" data-testid={`tab-${kind.id}`}>
      <p className="office-muted office-small">{kind.hint}</p>
      <form className="ad-form" onSubmit={(e) => void create(e)}>
        <label>
          {t('name')}
          <input name={kind.inputName} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          <FieldError message={fieldError} testId={`error-${kind.inputName}`} />
        </label>
        <button type="submit" className="tr-button tr-button--primary">
          {kind.newLabel}
        </button>
      </form>
      {issued && <SecretOnce note={kind.onceNote} lines={kind.secretLines(issued)} onClose={() => setIssued(null)} />}
      {issued && kind.afterSecret?.(issued)}
      <table className="ad-table" data-testid={kind.id}>
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('prefix')}</th>
            <th>{kind.column.header}</th>
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
          {rows?.map((r) => (
            <tr key={r.id} data-prefix={r.prefix} data-revoked={r.revokedAt ? 'yes' : 'no'}>
              <td>{r.name}</td>
              <td>
                <code>{r.prefix}…</code>
              </td>
              <td>{kind.column.cell(r)}</td>
              <td className="ad-nowrap">{when(r.createdAt, timeZone)}</td>
              <td className={r.revokedAt ? 'ad-bad' : 'ad-good'}>
                {r.revokedAt ? `${t('revoked')} ${when(r.revokedAt, timeZone)}` : t('live')}
              </td>
              <td>
                {!r.revokedAt &&
                  (confirming === r.id ? (
                    <span className="ad-confirm">
                      {t('confirmRevoke', { name: r.name })}{' '}
                      <button type="button" className="tr-button ad-danger" onClick={() => void revoke(r.id)} data-testid="confirm-revoke">
                        {t('confirm')}
                      </button>{' '}
                      <button type="button" className="tr-button" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="tr-button" onClick={() => setConfirming(r.id)} data-testid="revoke">
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
