import type { SiteView } from '@hallwatch/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { siteGroups, siteMatches } from '../../sites/site-tree';
import { type Lang, nameIn } from './format';

/**
 * Choosing sites to compare among a hundred: the hall, then each town with its villages,
 * narrowed by a search over names and codes; at most `max` at once.
 */
export function SitePicker({
  sites,
  chosen,
  onChange,
  max,
  lang,
}: {
  sites: SiteView[];
  chosen: string[];
  onChange: (codes: string[]) => void;
  max: number;
  lang: Lang;
}) {
  const { t } = useTranslation('trends');
  const [query, setQuery] = useState('');
  const searchId = useId();
  const { top, groups } = siteGroups(sites);
  const full = chosen.length >= max;
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));

  const row = (s: SiteView, head = false) => {
    const on = chosen.includes(s.code);
    return (
      <label key={s.code} className={head ? 'tr-pick__site tr-pick__site--head' : 'tr-pick__site'} data-tier={s.tier}>
        <input
          type="checkbox"
          checked={on}
          disabled={!on && full}
          onChange={(e) => toggle(s.code, e.target.checked)}
          data-testid={`pick-${s.code}`}
        />
        {nameIn(s, lang)}
      </label>
    );
  };
  const shown = groups.flatMap((g) => {
    // A town that answers the search brings all its villages; otherwise only the villages that do.
    const members = siteMatches(g.head, query) ? g.members : g.members.filter((m) => siteMatches(m, query));
    return siteMatches(g.head, query) || members.length ? [{ ...g, members }] : [];
  });
  const tops = top.filter((s) => siteMatches(s, query));

  return (
    <div className="tr-pick">
      <div className="tr-pick__bar">
        <label htmlFor={searchId} className="tr-sr">
          {t('siteSearch')}
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          placeholder={t('siteSearch')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="site-search"
        />
        <span className="office-muted office-small" aria-live="polite">
          {t('sitesChosen', { n: chosen.length, max })}
        </span>
        {chosen.length > 0 && (
          <button type="button" className="tr-link" onClick={() => onChange([])}>
            {t('clearSites')}
          </button>
        )}
      </div>
      <div className="tr-pick__list" role="group" aria-label={t('compareSites')} data-testid="site-pick-list">
        {tops.map((s) => row(s, true))}
        {shown.map((g) => (
          <fieldset key={g.head.code} className="tr-pick__town">
            <legend>{row(g.head, true)}</legend>
            {g.members.map((m) => row(m))}
          </fieldset>
        ))}
        {tops.length === 0 && shown.length === 0 && <p className="office-muted">{t('noSiteFound')}</p>}
      </div>
    </div>
  );
}
