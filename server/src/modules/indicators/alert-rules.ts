import { IndicatorSnapshot, INDICATORS, LiveAlert } from '@hallwatch/shared';
import { wholeSeconds } from './indicator-math';
import type { AwayBreachKind } from './window-indicators';

/** Item 47: windows unattended (窗口无人), which the patrol rounds check on foot as well. */
export const UNATTENDED_ALERT_ITEMS = [47];

/** What the alerts need beyond the numbers: names, thresholds and the moments conditions began. */
export interface DepartmentAlertFacts {
  code: string;
  name: string;
  nameEn: string;
  targetSec: number;
  /** Start of the current wait of every ticket waiting in the department, oldest first. */
  waitingSince: Date[];
  /** Tidal windows of the department that are closed and unstaffed. */
  closedTidalWindows: string[];
  /** Waiting count from which the department is surging; null without history. */
  surgeAt: number | null;
  usualWaiting: number | null;
  /** The department's windows out of balance (item 22), or null while they are not. */
  imbalance: ImbalanceAlertFacts | null;
}

/** A window as an alert names it: its number over the counter (its code without one) and its kind. */
export interface WindowRef {
  window: string;
  number: number | null;
  kind: string;
}

export interface ImbalanceAlertFacts {
  since: Date;
  busiest: WindowRef & { done: number };
  idlest: WindowRef & { done: number };
}

export interface UnattendedAlertFacts extends WindowRef {
  department: { code: string; name: string; nameEn: string } | null;
  /** Since when nobody has been signed in at it in opening hours. */
  since: Date;
}

export interface AwayAlertFacts {
  staff: string;
  staffName: string;
  window: string;
  department: string | null;
  reason: string | null;
  /** When the staff member left the window. */
  leftAt: Date;
  /** When the absence became unregistered (at once, or when the allowed break or the register's cover ran out). */
  breachSince: Date;
  /** Why it counts as unregistered; a walk-off when absent. */
  breach?: AwayBreachKind;
}

// Short enough for the wall's line beside a long department name; AWOL as the wall's legend says.
const AWAY_WORDS: Record<AwayBreachKind, { zh: string; en: string }> = {
  walked_off: { zh: '未登记离岗', en: 'AWOL' },
  outing_unregistered: { zh: '外出未报备', en: 'outing not filed' },
  break_overrun: { zh: '休息超时', en: 'over break' },
  cover_ended: { zh: '超出报备时间', en: 'past approved time' },
};

export interface AlertFacts {
  now: Date;
  tidalQueue: number;
  waitWarnRatio: number;
  departments: DepartmentAlertFacts[];
  away: AwayAlertFacts[];
  /** Windows standing unattended past the site's threshold. */
  unattended: UnattendedAlertFacts[];
}

type WaitLevel = { severity: 'breach' | 'warning'; since: Date; waitSec: number };

const plusSec = (at: Date, sec: number) => new Date(at.getTime() + sec * 1000);

/**
 * The oldest waiting ticket against the target: a breach once it has waited longer than
 * the target, a warning from waitWarnRatio of it. The moment is exact: the oldest ticket
 * crossed the line at its wait start plus the threshold.
 */
export function waitLevel(d: Pick<DepartmentAlertFacts, 'waitingSince' | 'targetSec'>, now: Date, warnRatio: number): WaitLevel | null {
  const oldest = d.waitingSince[0];
  if (!oldest) return null;
  const waitSec = wholeSeconds(oldest, now);
  if (waitSec > d.targetSec) return { severity: 'breach', since: plusSec(oldest, d.targetSec + 1), waitSec };
  const warnSec = Math.ceil(d.targetSec * warnRatio);
  if (waitSec >= warnSec) return { severity: 'warning', since: plusSec(oldest, warnSec), waitSec };
  return null;
}

/**
 * Since when at least `k` of the tickets now waiting have been waiting together: the k-th
 * oldest of them joined then, and none of the k has left since. The queue may have been
 * that long earlier too; this is the latest start the data proves.
 */
export function queueAtLeastSince(waitingSince: Date[], k: number): Date | null {
  return k >= 1 && waitingSince.length >= k ? waitingSince[k - 1] : null;
}

/**
 * 潮汐 advice: the queue reaches tidalQueue, or its oldest ticket has waited past the
 * target, while a tidal window stands closed. Returns since when, or null for no advice.
 */
export function tidalAdviceSince(d: DepartmentAlertFacts, now: Date, tidalQueue: number): Date | null {
  if (!d.closedTidalWindows.length) return null;
  const byQueue = queueAtLeastSince(d.waitingSince, tidalQueue);
  const oldest = d.waitingSince[0];
  const byWait = oldest && wholeSeconds(oldest, now) > d.targetSec ? plusSec(oldest, d.targetSec + 1) : null;
  if (byQueue && byWait) return byQueue < byWait ? byQueue : byWait;
  return byQueue ?? byWait;
}

/** Surge: the waiting count has reached surgeAt; since the surgeAt-th oldest waiting ticket joined. */
export function surgeSince(d: Pick<DepartmentAlertFacts, 'waitingSince' | 'surgeAt'>): Date | null {
  return d.surgeAt === null ? null : queueAtLeastSince(d.waitingSince, d.surgeAt);
}

const minutes = (sec: number) => Math.floor(sec / 60);

// Zones whose kind says more than their number does: the 掌上办 zone above all (item 47).
const KIND_WORDS: Record<string, { zh: string; en: string }> = {
  self_service: { zh: '掌上办', en: 'self-service' },
  green_channel: { zh: '绿色通道', en: 'green channel' },
  assisted: { zh: '帮办代办', en: 'assisted' },
  pre_review: { zh: '预审辅导', en: 'pre-review' },
  business_startup: { zh: '企业开办', en: 'start-up' },
  tidal: { zh: '潮汐', en: 'tidal' },
};

/** "86号窗口（掌上办）" / "window 86 (self-service)"; the kind only where it is a zone of its own. */
export function windowWords(w: WindowRef, lang: 'zh' | 'en', withKind = true): string {
  const kind = withKind ? KIND_WORDS[w.kind]?.[lang] : undefined;
  const n = w.number ?? w.window;
  if (lang === 'zh') return `${w.number === null ? `窗口 ${w.window} ` : `${n}号窗口`}${kind ? `（${kind}）` : ''}`;
  return `window ${n}${kind ? ` (${kind})` : ''}`;
}

/** The wall's alerts for one snapshot; each id is stable while its condition lasts. */
export function deriveAlerts(site: { code: string }, snapshot: IndicatorSnapshot, facts: AlertFacts): LiveAlert[] {
  const out: LiveAlert[] = [];
  const base = { state: 'raised' as const, site: site.code };
  for (const d of facts.departments) {
    const values = snapshot.departments[d.code] ?? {};
    const waiting = d.waitingSince.length;
    const wait = waitLevel(d, facts.now, facts.waitWarnRatio);
    if (wait) {
      const [m, t] = [minutes(wait.waitSec), minutes(d.targetSec)];
      const breach = wait.severity === 'breach';
      // In the first minute past the target the whole minutes equal it: "15 分钟，已超过 15 分钟目标" reads as a contradiction.
      const justOver = breach && m <= t;
      out.push({
        ...base,
        id: `wait.target:${d.code}`,
        kind: 'wait.target',
        severity: wait.severity,
        department: d.code,
        since: wait.since.toISOString(),
        message: {
          zh: justOver
            ? `${d.name}：最长等候已超过 ${t} 分钟目标`
            : `${d.name}：最长等候 ${m} 分钟，${breach ? '已超过' : '接近'} ${t} 分钟目标`,
          // As short as the Chinese, so that a long department name still leaves it whole on the wall's line.
          en: justOver
            ? `${d.nameEn}: a wait over the ${t}-min target`
            : `${d.nameEn}: ${m}-min wait, ${breach ? 'over' : 'near'} ${t}-min target`,
        },
        items: [...INDICATORS['queue.sla'].items],
      });
    }
    const tidal = values['tidal.advice'] === 1 ? tidalAdviceSince(d, facts.now, facts.tidalQueue) : null;
    if (tidal) {
      const win = d.closedTidalWindows[0];
      out.push({
        ...base,
        id: `tidal.advice:${d.code}`,
        kind: 'tidal.advice',
        severity: 'warning',
        department: d.code,
        window: win,
        since: tidal.toISOString(),
        message: {
          zh: `${d.name}：等候 ${waiting} 人，建议开放潮汐窗口 ${win}`,
          en: `${d.nameEn}: ${waiting} waiting; open tidal window ${win}`,
        },
        items: [...INDICATORS['tidal.advice'].items],
      });
    }
    const surge = values['surge.risk'] === 1 ? surgeSince(d) : null;
    if (surge) {
      const usual = Math.round((d.usualWaiting ?? 0) * 10) / 10;
      out.push({
        ...base,
        id: `surge.risk:${d.code}`,
        kind: 'surge.risk',
        severity: 'warning',
        department: d.code,
        since: surge.toISOString(),
        message: {
          zh: `${d.name}：等候 ${waiting} 人，远高于该时段常态 ${usual} 人`,
          en: `${d.nameEn}: ${waiting} waiting, usually ${usual} at this hour`,
        },
        items: [...INDICATORS['surge.risk'].items],
      });
    }
    if (d.imbalance) {
      const { busiest: b, idlest: i } = d.imbalance;
      out.push({
        ...base,
        id: `windows.imbalance:${d.code}`,
        kind: 'windows.imbalance',
        severity: 'warning',
        department: d.code,
        since: d.imbalance.since.toISOString(),
        message: {
          zh: `${d.name}：忙闲不均，${windowWords(b, 'zh', false)} ${b.done} 件，${windowWords(i, 'zh', false)}仅 ${i.done} 件`,
          en: `${d.nameEn}: uneven: ${windowWords(b, 'en', false)} did ${b.done}, ${i.number ?? i.window} did ${i.done}`,
        },
        items: [...INDICATORS['windows.imbalance'].items],
      });
    }
  }
  for (const u of facts.unattended) {
    const m = minutes(wholeSeconds(u.since, facts.now));
    out.push({
      ...base,
      id: `window.unattended:${u.window}`,
      kind: 'window.unattended',
      severity: 'breach',
      ...(u.department ? { department: u.department.code } : {}),
      window: u.window,
      since: u.since.toISOString(),
      message: {
        zh: `${u.department ? `${u.department.name}：` : ''}${windowWords(u, 'zh')}无人值守 ${m} 分钟`,
        // "empty" rather than "unattended": a self-service zone's line must fit beside its department.
        en: `${u.department ? `${u.department.nameEn}: ` : ''}${windowWords(u, 'en')} empty ${m} min`,
      },
      items: [...UNATTENDED_ALERT_ITEMS],
    });
  }
  for (const a of facts.away) {
    const m = minutes(wholeSeconds(a.leftAt, facts.now));
    const words = AWAY_WORDS[a.breach ?? (a.reason === 'unregistered' ? 'walked_off' : 'break_overrun')];
    out.push({
      ...base,
      id: `staff.away:${a.staff}`,
      kind: 'staff.away',
      severity: 'breach',
      ...(a.department ? { department: a.department } : {}),
      window: a.window,
      staff: a.staff,
      since: a.breachSince.toISOString(),
      message: {
        zh: `${a.staffName}（${a.window} 窗口）${words.zh}，已离岗 ${m} 分钟`,
        en: `${a.staffName}, window ${a.window}: ${words.en} ${m} min`,
      },
      items: [...INDICATORS['staff.away.unregistered'].items],
    });
  }
  const rank = (a: LiveAlert) => (a.severity === 'breach' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
}
