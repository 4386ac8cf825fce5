import type { LookBackSettings } from '@hallwatch/shared';

// Per-site look-back thresholds, kept in sites.settings under `lookBack` beside the
// indicator thresholds. A malformed value falls back to its default.

export const DEFAULT_LOOK_BACK: LookBackSettings = {
  liveMinutes: 30,
  days: 1,
  // The hall closes at 17:30; a day's counts are final by then.
  dayClosesAt: '18:00',
};

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const positiveInt = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);

export function lookBackSettings(siteSettings: Record<string, unknown> | null | undefined): LookBackSettings {
  const raw = siteSettings?.lookBack;
  const s = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_LOOK_BACK;
  return {
    liveMinutes: positiveInt(s.liveMinutes, d.liveMinutes),
    days: positiveInt(s.days, d.days),
    dayClosesAt: typeof s.dayClosesAt === 'string' && HHMM.test(s.dayClosesAt) ? s.dayClosesAt : d.dayClosesAt,
  };
}
