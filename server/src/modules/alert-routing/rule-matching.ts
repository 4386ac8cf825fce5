import { createHash } from 'node:crypto';
import { hhmmMinutes, type AlertSeverity, type LiveAlert, type QuietHours, type RoutedKind } from '@hallwatch/shared';
import { addDays, localDay, zonedInstant } from '../../core/time/zoned-time';

/** What a rule asks of an alert, whatever the store keeps. */
export interface RuleFilter {
  kinds: readonly RoutedKind[];
  minSeverity: AlertSeverity;
}

/** Whether the rule takes an alert of this kind and severity (an empty kind list takes every kind). */
export function ruleTakes(rule: RuleFilter, kind: RoutedKind, severity: LiveAlert['severity']): boolean {
  if (rule.kinds.length && !rule.kinds.includes(kind)) return false;
  return rule.minSeverity === 'warning' || severity === 'breach';
}

/**
 * The instant quiet hours end, when `at` falls within them in the zone; null outside them.
 * A window that wraps past midnight (22:00–07:30) belongs to the evening it began on.
 */
export function quietUntil(quiet: QuietHours | null, at: Date, timeZone: string): Date | null {
  if (!quiet || quiet.from === quiet.to) return null;
  const today = localDay(at, timeZone);
  const wraps = hhmmMinutes(quiet.from) > hhmmMinutes(quiet.to);
  // The windows that could hold `at`: the one that began yesterday evening and the one beginning today.
  for (const start of wraps ? [addDays(today, -1), today] : [today]) {
    const from = zonedInstant(start, quiet.from, timeZone);
    const to = zonedInstant(wraps ? addDays(start, 1) : start, quiet.to, timeZone);
    if (at >= from && at < to) return to;
  }
  return null;
}

/**
 * The key that makes a standing alert's message (at each severity) or its clearing go once through
 * a rule. An alert's id may be long, and the notify contract keeps keys to 200 characters: the site,
 * id and moment raised are hashed together.
 */
export function alertDedupeKey(ruleId: string, siteId: string, alertId: string, raisedAt: string, event: string): string {
  const standing = createHash('sha256')
    .update(`${siteId}\n${alertId}\n${new Date(raisedAt).toISOString()}`)
    .digest('hex')
    .slice(0, 40);
  return `alert:${ruleId}:${standing}:${event}`;
}
