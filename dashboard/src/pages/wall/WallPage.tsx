import { DEFAULT_TIME_ZONE, type SiteInfo } from '@hallwatch/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSite } from '../../live/useLiveSite';
import { AlertTicker } from './AlertTicker';
import { ClosedSummary } from './ClosedSummary';
import { useDistrict } from '../district/useDistrict';
import { DistrictWall } from './DistrictWall';
import { hallClock, Lang } from './format';
import { hallMode } from './hall-mode';
import { HeadlineTiles } from './HeadlineTiles';
import { ItemsOffTarget } from './ItemsOffTarget';
import { isOff, offTargets, WALL_TARGETS } from './off-target';
import { PatrolStrip } from './PatrolStrip';
import { QueueBars } from './QueueBars';
import { SatisfactionSparkline } from './SatisfactionSparkline';
import { StaleBanner } from './StaleBanner';
import { TopBar } from './TopBar';
import { useIndicatorHistory } from './useIndicatorHistory';
import { rotationSeconds, useWallRotation } from './useWallRotation';
import { wallParams } from './wall-params';
import { WallSignIn } from './WallSignIn';
import { WindowGrid } from './WindowGrid';
import './wall-i18n';
import './wall.css';
import './wall-tiles.css';
import './wall-windows.css';
import './wall-panels.css';
import './wall-side.css';
import './wall-district.css';

const PAGES = ['overview', 'windows', 'alerts', 'district'] as const;
type WallPageKey = (typeof PAGES)[number];

/**
 * The wall (大屏): `/wall?site=huiji[&rotate=20][&token=…][&lang=en]`. One glance answers
 * whether the hall is all right now, and if not, where and since when.
 */
export function WallPage() {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const params = useMemo(() => new URLSearchParams(location.search), []);
  // The same reading as the live link opened before the wall loaded, so that it is taken over.
  const { site, token } = useMemo(() => wallParams(location.search), []);
  const live = useLiveSite(site, token);
  const history = useIndicatorHistory(site, 'reviews.good_rate', live.asOf !== null, token);
  // Until the first snapshot names the hall's zone, the clock in the top bar reads the shared fallback's.
  const tz = live.siteInfo?.timeZone ?? DEFAULT_TIME_ZONE;
  const clock = hallClock(live.now, tz, lang);
  const mode = live.asOf ? hallMode(live.values, live.windows, clock, live.siteInfo?.hours) : 'open';
  const off = useMemo(() => offTargets(live.values), [live.values]);
  const rotate = rotationSeconds(params.get('rotate'));
  // `?page=district` holds the wall on the district page; a rotation takes it in when the
  // district hall's setting asks for it. A closed hall shows its day's summary, and the district.
  const pinned = params.get('page') === 'district';
  const withDistrict = pinned || (live.siteInfo?.districtPage ?? false);
  const pages: WallPageKey[] = [
    ...(mode === 'open' ? PAGES.slice(0, 3) : PAGES.slice(0, 1)),
    ...(withDistrict ? ['district' as const] : []),
  ];
  const pageCount = pages.length;
  const rotated = pages[useWallRotation(rotate, pageCount)] ?? 'overview';
  const page: WallPageKey = pinned ? 'district' : rotate === null ? 'overview' : rotated;
  const district = useDistrict(withDistrict ? site : null, token);
  const minute = Math.floor(live.now / 60_000);
  const goodTarget = WALL_TARGETS.find((x) => x.indicator === 'reviews.good_rate')?.target ?? null;

  const windows = (variant: 'compact' | 'full') => (
    <WindowGrid windows={live.windows} departmentInfo={live.departmentInfo} minute={minute} variant={variant} />
  );
  const alerts = (rowRem?: number, wrap = false) => (
    <AlertTicker
      alerts={live.alerts}
      arrivals={live.alertArrivals}
      now={live.now}
      departmentInfo={live.departmentInfo}
      windows={live.windows}
      timeZone={tz}
      rowRem={rowRem}
      wrap={wrap}
    />
  );
  const spark = (
    <SatisfactionSparkline
      points={history}
      current={live.values['reviews.good_rate']}
      now={live.now}
      timeZone={tz}
      target={goodTarget}
      tone={isOff(off, 'reviews.good_rate') ? 'breach' : 'neutral'}
    />
  );
  const items = <ItemsOffTarget off={off} />;

  // The body shows from the first snapshot on, which brings the site's info: its thresholds, hours and rounds.
  const bodyFor = (info: SiteInfo) => {
    const patrol = <PatrolStrip values={live.values} rounds={info.patrolRounds} />;
    if (mode !== 'open')
      return (
        <div className="layout layout--closed">
          <ClosedSummary
            mode={mode}
            values={live.values}
            departments={live.departments}
            departmentInfo={live.departmentInfo}
            hours={info.hours}
          />
          {spark}
          {alerts()}
          {patrol}
          {items}
        </div>
      );
    if (rotate !== null && page === 'windows') return <div className="layout layout--windows">{windows('full')}</div>;
    if (rotate !== null && page === 'alerts')
      return (
        <div className="layout layout--alerts">
          {alerts(3.4, true)}
          {items}
          {spark}
          {patrol}
        </div>
      );
    return (
      <div className="layout layout--overview">
        {windows('compact')}
        <QueueBars
          departments={live.departments}
          departmentInfo={live.departmentInfo}
          warnRatio={info.waitWarnRatio}
          defaultTargetSec={info.waitTargetSec}
        />
        {spark}
        {alerts()}
        {patrol}
        {items}
      </div>
    );
  };

  return (
    <div
      className={`wall ${live.stale ? 'wall--stale' : ''}`}
      data-testid="wall"
      data-mode={mode}
      data-page={page}
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
    >
      <TopBar
        hallName={live.siteInfo?.name[lang] ?? null}
        now={live.now}
        timeZone={tz}
        lastHeardAt={live.lastHeardAt}
        connected={live.connected}
        stale={live.stale}
        pages={rotate !== null && !pinned && pageCount > 1 ? pages.map((p) => t(`page.${p}`)) : null}
        page={pages.indexOf(page)}
      />
      {live.refused && <WallSignIn />}
      {live.stale && live.lastHeardAt !== null && <StaleBanner lastHeardAt={live.lastHeardAt} now={live.now} timeZone={tz} />}
      {/* Until the first snapshot only the top bar, saying it connects, shows: a screen of dashes would
          say no more, and drawing it would hold up the snapshot's own render on a small box. */}
      {page === 'district' ? (
        <main className="wall__body">
          {district.sites ? (
            <DistrictWall sites={district.sites} now={live.now} lang={lang} />
          ) : (
            <p className="dw-loading">{t('district.loading')}</p>
          )}
        </main>
      ) : (
        live.asOf !== null &&
        live.siteInfo && (
          <main className="wall__body">
            <HeadlineTiles
              values={live.values}
              windows={live.windows}
              siteInfo={live.siteInfo}
              off={off}
              mode={mode}
              queuedDepartments={Object.values(live.departments).filter((d) => (d['queue.waiting'] ?? 0) > 0).length}
            />
            {bodyFor(live.siteInfo)}
          </main>
        )
      )}
    </div>
  );
}
