import {
  formatIndicatorValue,
  formatTarget,
  INDICATORS,
  type IndicatorId,
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
  type TargetComparator,
} from '@hallwatch/shared';

export type Lang = 'zh' | 'en';

export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

// The hall's clock, whatever the reader's machine says (SPEC: times in Asia/Shanghai).
const HALL_TZ = 'Asia/Shanghai';
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: HALL_TZ,
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const fullDateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: HALL_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: HALL_TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export const hallDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const hallFullDateTime = (iso: string): string => fullDateTime.format(new Date(iso));
export const hallClock = (iso: string): string => clock.format(new Date(iso));
export const hallToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: HALL_TZ }).format(new Date());

export const statusLabel = (s: RectificationStatus, lang: Lang): string => RECTIFICATION_STATUS_LABELS[s][lang];
export const indicatorLabel = (id: IndicatorId, lang: Lang): string => INDICATORS[id]?.label[lang] ?? id;
export const valueText = (id: IndicatorId, v: number | null, lang: Lang): string => formatIndicatorValue(id, v, lang);
export const targetText = (id: IndicatorId, c: TargetComparator, target: number, lang: Lang): string => formatTarget(id, c, target, lang);
export const isRatio = (id: IndicatorId): boolean => INDICATORS[id]?.unit === 'ratio';
