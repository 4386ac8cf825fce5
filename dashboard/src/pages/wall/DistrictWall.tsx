import type { SiteSummary } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { layoutOf, type Tone, toneOf } from '../district/order';
import { shortName } from '../district/SiteCard';
import type { Lang } from './format';

// Each state has its icon as well as its colour (docs/wall.md): silence is never shown as calm.
const ICON: Record<Tone, string> = { stale: '⊘', breach: '✖', warning: '▲', closed: '—', ok: '✔' };

/**
 * The wall's district page: every site of the district hall at a glance, each town with its
 * villages, what needs attention first at both levels, a silent site marked as such.
 */
export function DistrictWall({ sites, now, lang }: { sites: SiteSummary[]; now: number; lang: Lang }) {
  const { t } = useTranslation('wall');
  const layout = layoutOf(sites);
  const stale = sites.filter((s) => s.stale).length;
  const breach = sites.filter((s) => !s.stale && toneOf(s) === 'breach').length;
  const waiting = sites.reduce((n, s) => n + (s.waiting ?? 0), 0);
  const state = (s: SiteSummary): string => {
    const tone = toneOf(s);
    if (tone === 'stale') {
      const min = s.lastEventAt ? Math.max(0, Math.floor((now - Date.parse(s.lastEventAt)) / 60_000)) : null;
      return min === null ? t('district.silentToday') : t('district.silent', { min });
    }
    if (tone === 'closed') return t('district.closed');
    // A red or amber site says why: its alerts, else the wait that passed its target.
    const alerts = s.alerts.breach + s.alerts.warning;
    if (alerts > 0) return t('district.alerts', { n: alerts });
    return t('district.waiting', { n: s.waiting ?? 0 });
  };
  const site = (s: SiteSummary, townName?: string) => {
    const tone = toneOf(s);
    return (
      <li key={s.site} className={`dw-site dw-site--${tone}`} data-site={s.site} data-tone={tone}>
        <span className="dw-site__icon" aria-hidden="true">
          {ICON[tone]}
        </span>
        {/* Every village is a 村（社区）: at 3 m the number is what tells them apart. */}
        <span className="dw-site__name">{shortName(s, lang, townName).replace(/（社区）$/u, '')}</span>
        <span className="dw-site__state">{state(s)}</span>
      </li>
    );
  };

  return (
    <div className="layout layout--district" data-testid="wall-district">
      <header className="dw-head">
        {layout.hall && <ul className="dw-hall">{site(layout.hall)}</ul>}
        <ul className="dw-counts">
          <li>
            <strong>{sites.length}</strong> {t('district.sites')}
          </li>
          <li className={stale ? 'dw-counts--stale' : ''} data-testid="wall-district-stale">
            <strong>{stale}</strong> {t('district.stale')}
          </li>
          <li className={breach ? 'dw-counts--breach' : ''}>
            <strong>{breach}</strong> {t('district.breach')}
          </li>
          <li>
            <strong>{waiting}</strong> {t('district.waitingTotal')}
          </li>
        </ul>
      </header>
      <div className="dw-towns">
        {layout.towns.map((g) => (
          <section key={g.town.site} className="dw-town" data-town={g.town.site}>
            <ul className="dw-town__head">{site(g.town)}</ul>
            <ul className="dw-villages">{g.villages.map((v) => site(v, g.town.name.zh))}</ul>
          </section>
        ))}
        {layout.loose.length > 0 && (
          <section className="dw-town">
            <ul className="dw-villages">{layout.loose.map((v) => site(v))}</ul>
          </section>
        )}
      </div>
    </div>
  );
}
