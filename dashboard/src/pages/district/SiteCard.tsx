import type { SiteSummary, SiteVisitFacts } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { toneOf } from './order';

const pct = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(r >= 0.995 || r < 0.1 ? 0 : 1)}%`);
const minutes = (sec: number) => Math.round(sec / 60);

/** A site's name without what every site of its tier shares (便民服务站…), and without its town's name. */
export function shortName(s: SiteSummary, lang: string, townName?: string): string {
  const full = lang === 'en' ? s.name.en : s.name.zh;
  if (s.tier === 'hall') return full;
  let name = full.replace(/(便民服务中心|便民服务站|Service Centre|Service Station)$/u, '');
  if (townName && s.tier === 'village') {
    const town = townName.replace(/便民服务中心$/u, '');
    if (name.startsWith(town) && name.length > town.length) name = name.slice(town.length);
  }
  return name;
}

export function SiteCard({ s, now, townName }: { s: SiteSummary; now: number; townName?: string }) {
  const { t, i18n } = useTranslation('district');
  const tone = toneOf(s);
  const name = shortName(s, i18n.language, townName);
  const silentMin = s.lastEventAt ? Math.max(0, Math.floor((now - Date.parse(s.lastEventAt)) / 60_000)) : null;
  const label = tone === 'stale' ? (silentMin === null ? t('tone.staleNever') : t('tone.stale', { min: silentMin })) : t(`tone.${tone}`);
  const over = s.longestWaitSec !== null && s.longestWaitSec > s.waitTargetSec;
  const figs: Array<[string, string | null, boolean?]> = [
    ['waiting', s.waiting === null ? null : t('people', { n: s.waiting })],
    [
      'longest',
      s.longestWaitSec === null
        ? null
        : `${t('minutes', { n: minutes(s.longestWaitSec) })}/${t('minutes', { n: minutes(s.waitTargetSec) })}`,
      over,
    ],
    // A desk on its break is no fault; a site open with nobody at any window is.
    ['windows', `${s.windowsStaffed}/${s.windowsOpen}`, s.open && s.windowsOpen > 0 && s.windowsStaffed === 0],
    ['staff', s.staffOnPost === null ? null : `${s.staffOnPost}/${s.roster}`],
    ['good', pct(s.goodRate)],
    ['active', pct(s.activeRate)],
  ];
  return (
    <a
      className={`ds-card ds-card--${tone} ds-card--${s.tier}`}
      href={`/wall?site=${encodeURIComponent(s.site)}`}
      data-site={s.site}
      data-tone={tone}
      title={t('openWall', { name: lang(s, i18n.language) })}
    >
      <div className="ds-card__head">
        <span className="ds-card__name">{name}</span>
        {s.alerts.breach + s.alerts.warning > 0 && (
          <span className={s.alerts.breach ? 'ds-card__alerts ds-card__alerts--breach' : 'ds-card__alerts'}>
            {t('alerts', { n: s.alerts.breach + s.alerts.warning })}
          </span>
        )}
        <span className="ds-card__chip">{label}</span>
      </div>
      <dl className="ds-card__figs">
        {figs.map(([key, value, bad]) => (
          <div key={key} className={bad ? 'ds-fig ds-fig--bad' : 'ds-fig'}>
            <dt>{t(`fig.${key}`)}</dt>
            <dd>{value ?? t('none')}</dd>
          </div>
        ))}
      </dl>
      {s.visits && <VisitLine v={s.visits} />}
    </a>
  );
}

const lang = (s: SiteSummary, language: string) => (language === 'en' ? s.name.en : s.name.zh);

/** The office's last visit to a town or village and its findings not yet closed (items 23, 46). */
function VisitLine({ v }: { v: SiteVisitFacts }) {
  const { t } = useTranslation('district');
  return (
    <div className="ds-card__visit" data-visit={v.lastVisitOn ?? 'never'}>
      <span>
        {v.lastVisitOn
          ? t('visit.last', { kind: t(`visit.kind.${v.lastVisitKind ?? 'field'}`), day: v.lastVisitOn.slice(5) })
          : t('visit.never')}
      </span>
      {v.openFindings > 0 && <span className="ds-card__visit-open">{t('visit.open', { n: v.openFindings })}</span>}
    </div>
  );
}
