import type { PatrolCheckView, PatrolRoundView, PatrolTodayView, RoundState } from '@hallwatch/shared';
import { hallTime } from './deadline';

// What this phone has recorded today, kept in localStorage beside the last copy of the
// server's day, so that the page shows a round as walked while its records still wait in
// the outbox, and after a reload without network.

export interface LocalCheck {
  eventId: string;
  result: 'ok' | 'finding';
  at: string;
  department?: string;
  window?: string;
  severity?: 'low' | 'medium' | 'high';
  note?: string;
}

export interface LocalRound {
  startedAt?: string;
  completedAt?: string;
  checks: Record<string, LocalCheck>;
}

export type LocalDay = Record<string, LocalRound>;

export interface LatestCheck {
  result: 'ok' | 'finding';
  eventId: string;
  at: string;
  department?: string | null;
  window?: string | null;
  severity?: 'low' | 'medium' | 'high' | null;
  note?: string | null;
}

export interface RoundView extends PatrolRoundView {
  /** The latest check per checkpoint, the phone's own if newer than the server's. */
  latest: Record<string, LatestCheck>;
  /** Records of this round still waiting to be sent. */
  unsent: boolean;
}

const todayKey = (site: string) => `hallwatch.patrol.today.${site}`;
const localKey = (site: string, day: string) => `hallwatch.patrol.local.${site}.${day}`;

export interface CachedToday {
  today: PatrolTodayView;
  /** Server time minus this phone's time when the day was loaded. */
  skewMs: number;
}

export const cache = {
  loadToday: (site: string): CachedToday | null => parse<CachedToday>(localStorage.getItem(todayKey(site))),
  saveToday: (site: string, c: CachedToday) => localStorage.setItem(todayKey(site), JSON.stringify(c)),
  loadLocal: (site: string, day: string): LocalDay => parse<LocalDay>(localStorage.getItem(localKey(site, day))) ?? {},
  saveLocal: (site: string, day: string, local: LocalDay) => localStorage.setItem(localKey(site, day), JSON.stringify(local)),
};

/**
 * When the copy shown offline was the server's answer, on the hall's clock: HH:MM for a copy of
 * today, with its day before it for an older one, so an old copy never passes for today's.
 */
export function copyTime(today: PatrolTodayView, nowMs: number): string {
  const time = hallTime(today.serverTime, today.utcOffsetMinutes);
  const hallDay = new Date(nowMs + today.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return today.day === hallDay ? time : `${today.day} ${time}`;
}

function parse<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

const earlier = (a: string | null | undefined, b: string | null | undefined) => (!a ? (b ?? null) : !b ? a : a < b ? a : b);

/** The round as the patroller should see it: the server's state, moved on by what this phone has recorded. */
export function mergeRound(r: PatrolRoundView, local: LocalRound | undefined): RoundView {
  const latest: RoundView['latest'] = {};
  const take = (cp: string, c: LatestCheck) => {
    const cur = latest[cp];
    if (!cur || cur.at < c.at || (cur.at === c.at && cur.eventId < c.eventId)) latest[cp] = c;
  };
  r.checks.forEach((c: PatrolCheckView) => take(c.checkpoint, { ...c, at: c.occurredAt }));
  Object.entries(local?.checks ?? {}).forEach(([cp, c]) => take(cp, c));
  const startedAt = earlier(r.startedAt, local?.startedAt);
  const completedAt = earlier(r.completedAt, local?.completedAt);
  let state: RoundState = r.state;
  // Whether a completed round counts is the server's to judge (its codes, its window): until it has
  // the completion, the phone shows what the patroller did.
  if (r.completedAt) state = r.state;
  else if (completedAt) state = completedAt < r.missedAt ? 'done' : 'missed';
  else if (startedAt && (state === 'scheduled' || state === 'due' || state === 'overdue')) state = 'in_progress';
  const serverIds = new Set(r.checks.map((c) => c.eventId));
  const unsent =
    Object.values(local?.checks ?? {}).some((c) => !serverIds.has(c.eventId)) ||
    (!!local?.startedAt && !r.startedAt) ||
    (!!local?.completedAt && !r.completedAt);
  return { ...r, state, startedAt, completedAt, latest, unsent };
}
