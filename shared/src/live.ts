import type { BAD_REVIEW_ALERT_KIND, FOLLOW_UP_ALERT_KINDS } from './follow-ups';
import type { DistrictUpdate } from './district';
import { IndicatorSnapshot, IndicatorValues, WindowState } from './indicators';
import type { CHANNEL_ALERT_KIND } from './notify';
import type { PATROL_ALERT_KINDS } from './patrol';
import type { REBOUND_ALERT_KIND } from './rectification';

// The socket.io contract of docs/contracts/live-socket.md, namespace `/live`.
export const LIVE_NAMESPACE = '/live';
export const HEARTBEAT_INTERVAL_MS = 3000;
export const STALE_AFTER_MS = 10_000;
/**
 * How often a site's clients may get an `update`: on average at most UPDATES_PER_SECOND, and
 * never more than UPDATES_PER_SECOND + UPDATE_BURST within any one second. A change is pushed at
 * once while the site is within that budget, and coalesced with what follows when it is not.
 */
export const UPDATES_PER_SECOND = 5;
export const UPDATE_BURST = 2;

export interface IndicatorUpdate {
  site: string;
  asOf: string;
  values: IndicatorValues;
  departments: Record<string, IndicatorValues>;
  /** Only the windows whose state (or anything else about them) changed; absent when none did. */
  windows?: WindowState[];
}

/** Alert kinds raised from the indicators themselves (deriveAlerts); other features add theirs below. */
export const LIVE_ALERT_KINDS = [
  'wait.target',
  'tidal.advice',
  'surge.risk',
  'staff.away',
  'window.unattended',
  'windows.imbalance',
] as const;
export type IndicatorAlertKind = (typeof LIVE_ALERT_KINDS)[number];

type ValueOf<T> = T[keyof T];
/** Every kind of alert the wall can receive (docs/contracts/live-socket.md): a new kind is added here first. */
export type LiveAlertKind =
  | IndicatorAlertKind
  | ValueOf<typeof FOLLOW_UP_ALERT_KINDS>
  | typeof BAD_REVIEW_ALERT_KIND
  | ValueOf<typeof PATROL_ALERT_KINDS>
  | typeof REBOUND_ALERT_KIND
  | typeof CHANNEL_ALERT_KIND;

export interface LiveAlert {
  id: string;
  state: 'raised' | 'cleared';
  kind: LiveAlertKind;
  severity: 'warning' | 'breach';
  site: string;
  department?: string;
  window?: string;
  staff?: string;
  /** Since when the condition has held, as far as the stored data proves it (it may have begun earlier). */
  since: string;
  message: { zh: string; en: string };
  items: number[];
}

export interface Heartbeat {
  serverTime: string;
}

/** Events the server emits to `/live` clients; nothing else is emitted. */
export interface LiveServerEvents {
  snapshot: (snapshot: IndicatorSnapshot) => void;
  update: (update: IndicatorUpdate) => void;
  alert: (alert: LiveAlert) => void;
  heartbeat: (beat: Heartbeat) => void;
  /** To a district subscription only (`auth.scope: 'district'`): the summaries of the sites that changed. */
  district: (update: DistrictUpdate) => void;
  /**
   * Sent just before the server closes a socket for its credential: none, unknown, revoked or
   * expired, or not of the site. The page should ask for a sign-in or a display token.
   */
  denied: () => void;
  error: (error: LiveError) => void;
}

/**
 * Sent when the server drops a client's messages: each connection may send
 * LIVE_CLIENT_MESSAGES_PER_SECOND on average (a burst more at once); past that its messages are
 * dropped, it is told once, and if it goes on it is disconnected.
 */
export interface LiveError {
  code: 'rate_limited';
  message: string;
  retryAfterMs: number;
}

export interface LiveHandshakeAuth {
  token?: string;
  site?: string;
  /** 'district': the summaries of every site under `site` (a district hall) instead of the site's own indicators. */
  scope?: 'district';
}

export type LiveClientEvents = Record<string, never>;
