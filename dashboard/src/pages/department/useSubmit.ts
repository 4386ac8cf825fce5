import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldTexts } from '../../api';
import { goToSignIn } from '../../auth/session';

/**
 * One form's sending: busy while it goes, the refused fields in this page's own words (the form
 * knows what it asked for, so it says so rather than the API's text), and any other refusal as
 * one line. `wording` maps a field the server names to a key of the "department" namespace.
 */
export function useSubmit(wording: Record<string, string>) {
  const { t } = useTranslation('department');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);

  const run = async <T>(send: () => Promise<T>, done: (value: T) => void): Promise<void> => {
    setBusy(true);
    setErrors({});
    setRefused(null);
    try {
      done(await send());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return goToSignIn();
      const fields = fieldTexts(err);
      const known = Object.keys(fields).filter((f) => wording[f]);
      if (known.length) setErrors(Object.fromEntries(known.map((f) => [f, t(wording[f])])));
      // A 409 means someone got there first (the notice answered, the case closed, the review appealed).
      else setRefused(err instanceof ApiError && err.status === 409 ? t('conflict') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, refused, run };
}
