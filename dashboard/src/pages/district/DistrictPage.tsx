import '../office-page.css';
import type { SiteSummary, SiteView } from '@hallwatch/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useSiteTimeZone } from '../../api';
import { useShell } from '../../shell/context';
import './district.css';
import './i18n';
import { layoutOf, toneOf } from './order';
import { shortName, SiteCard } from './SiteCard';
import { useDistrict } from './useDistrict';

/** The district hall above the chosen site (itself when it is one), from the sites the account may see. */
function districtHall(site: string | null, sites: SiteView[] | null): string | null {
  if (!sites) return site;
  const byCode = new Map(sites.map((s) => [s.code, s]));
  for (let at = site ? byCode.get(site) : undefined, hops = 0; at && hops < 10; hops++) {
    if (at.tier === 'hall') return at.code;
    at = at.parent ? byCode.get(at.parent) : undefined;
  }
  return sites.find((s) => s.tier === 'hall')?.code ?? null;
}

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

// 全区站点一览: every site of the district hall's tree at a glance, live over one subscription;
// `?bare=1` drops the header for a wall screen.
export function DistrictPage() {
  const { t, i18n } = useTranslation('district');
  const { site, sites: visible } = useShell();
  const hall = districtHall(site, visible);
  const { sites, live, heardAt, error } = useDistrict(hall);
  const now = useMinuteClock();
  const layout = useMemo(() => layoutOf(sites ?? []), [sites]);
  const counts = useMemo(() => countsOf(sites ?? []), [sites]);
  const lang = i18n.language;
  const timeZone = useSiteTimeZone(hall);

  return (
    <div className="office-page ds-page" data-loading={sites ? 'no' : 'yes'} data-live={live ? 'yes' : 'no'}>
      <header className="office-header ds-header">
        <div>
          <h1>
            {t('title')}
            {layout.hall && <span className="office-header__site"> · {shortName(layout.hall, lang)}</span>}
          </h1>
          <p className="office-muted">{t('subtitle', { towns: layout.towns.length, villages: counts.villages })}</p>
        </div>
        <p className={live ? 'ds-link ds-link--live' : 'ds-link ds-link--down'} data-testid="ds-link">
          {live ? t('link.live') : t('link.down')}
          {heardAt && <span> · {t('link.heard', { at: new Date(heardAt).toLocaleTimeString('en-GB', { timeZone }) })}</span>}
        </p>
      </header>
      {error !== null && (
        <p className="tr-error" role="alert" data-testid="ds-error">
          {t('errorPrefix')}
          {errorText(error, lang === 'en' ? 'en' : 'zh')}
        </p>
      )}
      {!hall ? (
        <p className="office-muted">{t('notHall')}</p>
      ) : !sites ? (
        <p className="office-muted">{t('loading')}</p>
      ) : (
        <>
          <ul className="ds-counts" data-testid="ds-counts">
            <li>
              <strong>{sites.length}</strong> {t('counts.sites')}
            </li>
            <li>
              <strong>{sites.length - counts.stale}</strong> {t('counts.live')}
            </li>
            <li className={counts.stale ? 'ds-counts--stale' : ''}>
              <strong>{counts.stale}</strong> {t('counts.stale')}
            </li>
            <li className={counts.attention ? 'ds-counts--breach' : ''}>
              <strong>{counts.attention}</strong> {t('counts.attention')}
            </li>
            <li>
              <strong>{counts.waiting}</strong> {t('counts.waiting')}
            </li>
          </ul>
          {layout.hall && (
            <section className="ds-hall">
              <SiteCard s={layout.hall} now={now} />
            </section>
          )}
          {layout.towns.map((g) => (
            <section key={g.town.site} className="ds-town" data-town={g.town.site}>
              <h2>
                {shortName(g.town, lang)} <span className="office-muted">· {t('villages', { n: g.villages.length })}</span>
              </h2>
              <div className="ds-grid">
                <SiteCard s={g.town} now={now} />
                {g.villages.map((v) => (
                  <SiteCard key={v.site} s={v} now={now} townName={lang === 'en' ? g.town.name.en : g.town.name.zh} />
                ))}
              </div>
            </section>
          ))}
          {layout.loose.length > 0 && (
            <section className="ds-town">
              <div className="ds-grid">
                {layout.loose.map((v) => (
                  <SiteCard key={v.site} s={v} now={now} />
                ))}
              </div>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function countsOf(sites: SiteSummary[]) {
  let stale = 0;
  let attention = 0;
  let waiting = 0;
  let villages = 0;
  for (const s of sites) {
    if (s.stale) stale++;
    else if (toneOf(s) === 'breach') attention++;
    waiting += s.waiting ?? 0;
    if (s.tier === 'village') villages++;
  }
  return { stale, attention, waiting, villages };
}
