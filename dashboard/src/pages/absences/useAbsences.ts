import type { Me, SiteView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText } from '../../api';
import { goToSignIn, whoAmI } from '../../auth/session';
import { absencesApi } from './api';
import { Lang, registerError } from './format';

export interface Access {
  me: Me;
  /** The sites the page offers: a department account's one site, or the account's sites. */
  sites: Array<Pick<SiteView, 'code' | 'name' | 'nameEn' | 'tier'>>;
}

/** Who is signed in and which sites they may open; nobody signed in (401) goes to /login and back. */
export function useAbsencesAccess(lang: Lang) {
  const [access, setAccess] = useState<Access | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return goToSignIn();
      setError(registerError(err, lang)?.text ?? errorText(err, lang));
    },
    [lang],
  );

  useEffect(() => {
    void (async () => {
      const me = await whoAmI();
      if (!me) return goToSignIn();
      // A department account reads no registry: its one site is all it has.
      if (me.role === 'department' && me.sites !== 'all')
        return setAccess({ me, sites: me.sites.map((code) => ({ code, name: code, nameEn: null, tier: 'hall' as const })) });
      setAccess({ me, sites: await absencesApi.sites() });
    })().catch(fail);
  }, [fail]);

  return { access, error, setError, fail };
}
