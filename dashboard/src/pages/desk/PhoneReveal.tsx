import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { goToSignIn } from '../../auth/session';
import { casesApi } from './cases-api';

/**
 * The citizen's number, masked until someone asks for it: asking is an audited act on the server,
 * so nothing is fetched before the click, and the full number lives only in this panel's state.
 */
export function PhoneReveal({ site, caseId, masked }: { site: string; caseId: string; masked: string | null }) {
  const { t } = useTranslation('deskCases');
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setPhone((await casesApi.revealPhone(site, caseId)).phone);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return goToSignIn();
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dk-cd-phone">
      <span className="office-muted">{t('phone')}</span>
      {!masked ? (
        <span>{t('phoneNone')}</span>
      ) : phone ? (
        <>
          <a className="dk-cd-phone-no" href={`tel:${phone}`} data-testid="case-phone">
            {phone}
          </a>
          <span className="office-muted office-small">{t('revealed')}</span>
        </>
      ) : (
        <>
          <span className="dk-cd-phone-no" data-testid="case-phone-masked">
            {masked}
          </span>
          <button type="button" className="dk-cd-button dk-cd-button--quiet" onClick={() => void reveal()} disabled={busy}>
            {busy ? t('revealing') : t('reveal')}
          </button>
          <span className="office-muted office-small">{t('revealNote')}</span>
        </>
      )}
      {error && (
        <p className="dk-cd-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
