import {
  DEFAULT_TIME_ZONE,
  formatIndicatorValue,
  formatTarget,
  INDICATORS,
  type IndicatorId,
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
  type TargetComparator,
} from '@hallwatch/shared';
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

/** Times on the hall's clock, whatever the reader's machine says. */
export interface HallTime {
  dateTime: (iso: string) => string;
  fullDateTime: (iso: string) => string;
  clock: (iso: string) => string;
  /** Today's date, YYYY-MM-DD. */
  today: () => string;
}

export function hallTime(timeZone: string): HallTime {
  const minutes = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
  const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', ...minutes });
  const fullDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', ...minutes });
  const clock = new Intl.DateTimeFormat('zh-CN', { timeZone, ...minutes, second: '2-digit' });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone });
  return {
    dateTime: (iso) => dateTime.format(new Date(iso)),
    fullDateTime: (iso) => fullDateTime.format(new Date(iso)),
    clock: (iso) => clock.format(new Date(iso)),
    today: () => day.format(new Date()),
  };
}

/** The page provides its site's clock; until the site's zone is known, the shared fallback's. */
export const HallTimeContext = createContext<HallTime>(hallTime(DEFAULT_TIME_ZONE));
export const useHallTime = (): HallTime => useContext(HallTimeContext);

export const statusLabel = (s: RectificationStatus, lang: Lang): string => RECTIFICATION_STATUS_LABELS[s][lang];
export const indicatorLabel = (id: IndicatorId, lang: Lang): string => INDICATORS[id]?.label[lang] ?? id;
export const valueText = (id: IndicatorId, v: number | null, lang: Lang): string => formatIndicatorValue(id, v, lang);
export const targetText = (id: IndicatorId, c: TargetComparator, target: number, lang: Lang): string => formatTarget(id, c, target, lang);
export const isRatio = (id: IndicatorId): boolean => INDICATORS[id]?.unit === 'ratio';
