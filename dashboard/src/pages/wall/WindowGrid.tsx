import { DepartmentInfo, WINDOW_STATES, WindowState, WindowStateKind } from '@hallwatch/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Lang, minutesSince, minutesText } from './format';
import { fitGrid } from './fit-grid';
import { useChangeCount } from './Pulse';
import { useElementSize } from './useElementSize';

export interface WindowGridProps {
  windows: WindowState[];
  departmentInfo: Record<string, DepartmentInfo>;
  /** Whole minutes matter here: the grid re-renders once a minute, not every second. */
  minute: number;
  /** compact: number, minutes, name, a short state word; full: adds the department and the whole state word. */
  variant: 'compact' | 'full';
}

const GAP = 6;
// In ems at type size 1: two lines ("12 109分" / "王丽娟 办"), or four in the full cell.
const COMPACT = { high: 2.35, wide: 5.0 };
// Latin state words ("Busy", "AWOL") are wider than one Chinese character.
const COMPACT_EN = { high: 2.35, wide: 6.3 };
// When the names do not fit at the smallest type, the overview drops them (the windows page has them).
const MINI = { high: 2.35, wide: 4.6 };
const FULL = { high: 3.6, wide: 6.4 };
// No text on the wall under 20 px at 1080p.
const MIN_FONT_REM = 1.25;
const MAX_FONT_REM = 2.4;

/**
 * The whole state word: an absence names its reason (休息, 会议, 请假 …; a break overrun 休息超时,
 * a declared outing the register does not cover 外出未报).
 */
function longKey(w: WindowState): string {
  if (w.state === 'away_registered') return `reason.${w.reason ?? 'break'}`;
  if (w.state === 'away_unregistered' && w.reason === 'break') return 'state.breakOverrun';
  if (w.state === 'away_unregistered' && (w.reason === 'official_business' || w.reason === 'meeting')) return 'state.outingUnfiled';
  return `state.${w.state}`;
}

/** The short state word: a registered absence names its reason (休/公/会). */
function shortKey(w: WindowState): string {
  if (w.state === 'away_registered') return w.reason && w.reason !== 'unregistered' ? w.reason : 'break';
  return w.state;
}

interface CellProps {
  w: WindowState;
  min: number | null;
  dept: string;
  variant: 'full' | 'compact' | 'mini';
  lang: Lang;
}

/** One window: number, minutes in state, staff, state word; flashes once when its state changes. */
function WindowCell({ w, min, dept, variant, lang }: CellProps) {
  const { t } = useTranslation('wall');
  const changes = useChangeCount(w.state);
  const minutes = <span className="win__min">{minutesText(min, lang)}</span>;
  return (
    <div
      key={changes}
      className={`win state--${w.state} ${changes ? 'win--changed' : ''}`}
      data-testid={`window-${w.code}`}
      data-state={w.state}
    >
      {variant === 'full' ? (
        // The whole state word (up to 4 characters) sits beside the number, the minutes beside the name.
        <>
          <div className="win__top">
            <b className="win__no">{w.number ?? w.code}</b>
            <span className="win__state">{t(longKey(w))}</span>
          </div>
          <div className="win__dept">{dept}</div>
          <div className="win__bottom">
            <span className="win__name">{w.staffName ?? w.staff ?? '—'}</span>
            {minutes}
          </div>
        </>
      ) : (
        <>
          <div className="win__top">
            <b className="win__no">{w.number ?? w.code}</b>
            {minutes}
          </div>
          <div className="win__bottom">
            {variant !== 'mini' && <span className="win__name">{w.staffName ?? w.staff ?? '—'}</span>}
            <span className="win__state">{t(`stateShort.${shortKey(w)}`)}</span>
          </div>
        </>
      )}
    </div>
  );
}

export const WindowGrid = memo(function WindowGrid({ windows, departmentInfo, minute, variant }: WindowGridProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [ref, size] = useElementSize<HTMLDivElement>();
  const full = variant === 'full';
  const minPx = MIN_FONT_REM * size.rem;
  let fit = fitGrid(windows.length, size.width, size.height, GAP, full ? FULL : lang === 'en' ? COMPACT_EN : COMPACT);
  const mini = !full && fit.fontPx < minPx;
  if (mini) fit = fitGrid(windows.length, size.width, size.height, GAP, MINI);
  const fontPx = Math.min(MAX_FONT_REM * size.rem, Math.max(minPx, fit.fontPx));
  const counts = new Map<WindowStateKind, number>();
  for (const w of windows) counts.set(w.state, (counts.get(w.state) ?? 0) + 1);
  const nowMs = minute * 60_000;

  return (
    <section className={`panel windows windows--${variant}`}>
      <header className="panel__head">
        <h2>{t('windows.title')}</h2>
        <ul className="legend">
          {WINDOW_STATES.filter((s) => counts.get(s)).map((s) => (
            <li key={s} className={`legend__item state--${s}`}>
              <span className="legend__swatch">{t(`stateShort.${s}`)}</span>
              {lang === 'zh' ? t(`state.${s}`) : ''} <b>{counts.get(s)}</b>
            </li>
          ))}
        </ul>
      </header>
      <div className="windows__box" ref={ref}>
        {!windows.length && <p className="panel__empty">{t('windows.noWindows')}</p>}
        <div
          className="windows__grid"
          style={{
            gridTemplateColumns: `repeat(${fit.cols}, minmax(0, 1fr))`,
            gridAutoRows: `${fit.cellH}px`,
            gap: `${GAP}px`,
            ['--fs' as string]: `${fontPx.toFixed(1)}px`,
          }}
        >
          {windows.map((w) => (
            <WindowCell
              key={w.code}
              w={w}
              min={w.state === 'closed' ? null : minutesSince(w.since, nowMs)}
              dept={w.department ? (departmentInfo[w.department]?.name[lang] ?? w.department) : t('windows.unknownDept')}
              variant={full ? 'full' : mini ? 'mini' : 'compact'}
              lang={lang}
            />
          ))}
        </div>
      </div>
    </section>
  );
});
