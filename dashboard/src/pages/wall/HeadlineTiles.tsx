import { COMPARATOR_SIGNS, IndicatorValues, SiteInfo, WindowState } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Figure } from './Figure';
import { countText, Lang, percentParts, percentText, waitParts, waitText } from './format';
import { HallMode } from './hall-mode';
import { isOff, itemsOf, OffTarget, WALL_TARGETS } from './off-target';
import { Tile } from './Tile';
import { Tone, waitTone } from './tone';

export interface HeadlineTilesProps {
  values: IndicatorValues;
  windows: WindowState[];
  /** The snapshot's: the wait target and warning share come from the site's settings. */
  siteInfo: SiteInfo;
  off: OffTarget[];
  mode: HallMode;
  /** Departments with somebody waiting. */
  queuedDepartments: number;
}

const count = (n: number | null | undefined) => [{ text: countText(n) }];

export function HeadlineTiles({ values: v, windows, siteInfo, off, mode, queuedDepartments }: HeadlineTilesProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const target = siteInfo.waitTargetSec;
  const warnRatio = siteInfo.waitWarnRatio;
  const waitStatus = (tone: Tone) => ({ word: t(tone === 'breach' ? 'status.over' : 'status.near'), items: itemsOf('queue.wait.avg') });
  const ratio = percentParts;
  const closed = mode !== 'open';

  const avgTone = waitTone(v['queue.wait.avg'], target, warnRatio);
  const maxTone = waitTone(v['queue.wait.max'], target, warnRatio);
  const surge = v['surge.risk'] ?? 0;
  const tidal = v['tidal.advice'] ?? 0;
  const queueTone: Tone = surge > 0 || tidal > 0 ? 'warn' : 'neutral';
  const unstaffed = windows.filter((w) => w.state === 'unstaffed').length;
  const away = v['staff.away.unregistered'] ?? 0;
  const rateTile = (id: 'reviews.active_rate' | 'reviews.good_rate'): { tone: Tone; status: { word: string; items: number[] } } => ({
    tone: isOff(off, id) ? 'breach' : 'neutral',
    status: { word: t('status.off'), items: itemsOf(id) },
  });
  const activeTarget = WALL_TARGETS.find((x) => x.indicator === 'reviews.active_rate');

  return (
    <div className="tiles">
      <Tile
        label={t('tile.waiting')}
        parts={count(v['queue.waiting'])}
        testId="queue.waiting"
        tone={queueTone}
        status={{
          word: t('status.warn'),
          items: [...new Set([...itemsOf('tidal.advice'), ...itemsOf('surge.risk')])].sort((a, b) => a - b),
        }}
        sub={queueTone === 'warn' ? t('sub.surge', { surge, tidal }) : queuedDepartments ? t('sub.queued', { n: queuedDepartments }) : null}
      />
      <Tile
        label={t('tile.avgWait')}
        parts={waitParts(v['queue.wait.avg'], lang)}
        testId="queue.wait.avg"
        tone={avgTone}
        status={waitStatus(avgTone)}
        sub={t('sub.target', { v: waitText(target, lang) })}
      />
      <Tile
        label={t('tile.maxWait')}
        parts={waitParts(v['queue.wait.max'], lang)}
        testId="queue.wait.max"
        tone={maxTone}
        status={waitStatus(maxTone)}
        sub={t('sub.sla', { v: percentText(v['queue.sla']) })}
      />
      <Tile
        label={t('tile.served')}
        parts={count(v['queue.served'])}
        testId="queue.served"
        sub={t('sub.noShow', { v: percentText(v['queue.no_show.rate']) })}
      />
      <Tile
        label={t('tile.windows')}
        parts={[{ text: `${countText(v['windows.open'])}/${countText(v['windows.serving'])}/${countText(v['windows.idle'])}` }]}
        testId="windows"
        tone={closed ? 'muted' : unstaffed ? 'breach' : 'neutral'}
        status={{ word: t('state.unstaffed'), items: itemsOf('windows.open') }}
        figure={
          <span className="triple">
            <Figure parts={count(v['windows.open'])} testId="windows.open" />
            <span className="triple__sep">/</span>
            <Figure parts={count(v['windows.serving'])} testId="windows.serving" />
            <span className="triple__sep">/</span>
            <Figure parts={count(v['windows.idle'])} testId="windows.idle" />
          </span>
        }
        sub={closed ? t('sub.closed') : unstaffed ? t('sub.unstaffed', { n: unstaffed }) : t('sub.allStaffed')}
      />
      <Tile
        label={t('tile.staff')}
        parts={count(v['staff.on_post'])}
        testId="staff.on_post"
        tone={closed ? 'muted' : away ? 'breach' : 'neutral'}
        status={{ word: t('status.away'), items: itemsOf('staff.away.unregistered') }}
        sub={closed ? t('sub.closed') : away ? t('sub.away', { n: away }) : t('sub.noneAway')}
      />
      <Tile
        label={t('tile.activeRate')}
        parts={ratio(v['reviews.active_rate'])}
        testId="reviews.active_rate"
        {...rateTile('reviews.active_rate')}
        sub={activeTarget ? t('sub.goal', { v: `${COMPARATOR_SIGNS[activeTarget.comparator]} ${percentText(activeTarget.target)}` }) : null}
      />
      <Tile
        label={t('tile.goodRate')}
        parts={ratio(v['reviews.good_rate'])}
        testId="reviews.good_rate"
        {...rateTile('reviews.good_rate')}
        sub={t('sub.badOpen', { n: v['reviews.bad.open'] ?? 0 })}
      />
    </div>
  );
}
