import { hallClockParts, hhmmMinutes } from '@hallwatch/shared';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { isoWeekday, localDay } from '../../core/time/zoned-time';
import { IndicatorsService } from '../indicators/indicators.service';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { heldDigestMessage } from './alert-messages';
import { AlertDispatcher } from './alert-dispatcher';
import { AlertTracker } from './alert-tracker';
import { recipientsByIds, ruleById } from './rule-store';

interface HeldRow {
  id: string;
  rule_id: string | null;
  site_id: string;
  channel_id: string;
  held_until: Date;
  at: Date;
  title: string;
}

// Sites a sweep judges at most: a city's thousand sites are swept a slice a minute, oldest first.
const SITES_PER_SWEEP = 200;

/**
 * The minute's round of routing: the sites that rules cover and that may have alerts (open now,
 * or with alerts standing or follow-ups and notices open) are judged whether or not a wall watches
 * them, and what quiet hours held is sent as one morning message per rule.
 */
@Injectable()
export class AlertSweepService {
  private readonly logger = new Logger(AlertSweepService.name);
  private readonly judgedAt = new Map<string, number>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly indicators: IndicatorsService,
    private readonly tracker: AlertTracker,
    private readonly dispatcher: AlertDispatcher,
  ) {}

  /** Judges the sites that need it; returns how many were judged. */
  async judgeSites(): Promise<number> {
    const now = this.clock.now();
    const ids: Array<{ id: string; busy: boolean }> = await this.ds.query(
      `WITH RECURSIVE covered AS (
         SELECT r.site_id AS id, r.scope, 0 AS depth FROM alert_rules r WHERE r.enabled
         UNION ALL SELECT s.id, c.scope, c.depth + 1 FROM sites s JOIN covered c ON s.parent_id = c.id WHERE c.scope = 'subtree' AND c.depth < 8)
       SELECT DISTINCT c.id,
         EXISTS (SELECT 1 FROM alert_states a WHERE a.site_id = c.id)
           OR EXISTS (SELECT 1 FROM follow_up_cases f WHERE f.site_id = c.id AND f.status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation'))
           OR EXISTS (SELECT 1 FROM patrol_notices n WHERE n.site_id = c.id AND n.status = 'open') AS busy
       FROM covered c`,
    );
    if (!ids.length) return 0;
    const sites = await this.ds.getRepository(Site).findBy(ids.map((r) => ({ id: r.id })));
    const busy = new Set(ids.filter((r) => r.busy).map((r) => r.id));
    const due = sites
      .filter((s) => busy.has(s.id) || openNow(s, now))
      .sort((a, b) => (this.judgedAt.get(a.id) ?? 0) - (this.judgedAt.get(b.id) ?? 0))
      .slice(0, SITES_PER_SWEEP);
    for (const site of due) {
      this.judgedAt.set(site.id, Date.now());
      try {
        const snap = await this.indicators.snapshot(site);
        await this.tracker.observe(site.id, snap.alerts);
      } catch (err) {
        this.logger.warn(`alert sweep of ${site.code}: ${(err as Error).message}`);
      }
    }
    return due.length;
  }

  /** Sends what each rule held through its quiet hours, once they ended, as one message; returns how many messages. */
  async releaseHeld(): Promise<number> {
    const now = this.clock.now();
    const rows: HeldRow[] = await this.ds.query(
      `SELECT id, rule_id, site_id, channel_id, held_until, at, message->>'title' AS title FROM alert_dispatches
       WHERE state = 'held' AND held_until <= $1 ORDER BY at, id LIMIT 5000`,
      [now],
    );
    const groups = new Map<string, HeldRow[]>();
    for (const r of rows) {
      const k = `${r.rule_id ?? ''}|${r.channel_id}|${new Date(r.held_until).toISOString()}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    let sent = 0;
    for (const [k, held] of groups) {
      const rule = held[0].rule_id ? await ruleById(this.ds.manager, held[0].rule_id) : null;
      const siteId = rule?.siteId ?? held[0].site_id;
      const [site]: Array<{ name: string; timezone: string }> = await this.ds.query(`SELECT name, timezone FROM sites WHERE id = $1`, [
        siteId,
      ]);
      const people = rule ? await recipientsByIds(this.ds.manager, rule.recipientIds) : [];
      const message = heldDigestMessage(
        siteId,
        site?.name ?? '',
        site?.timezone ?? 'Asia/Shanghai',
        held.map((h) => ({ title: h.title, at: new Date(h.at) })),
        people,
      );
      const key = `held:${k.replace(/\|/g, ':')}`;
      try {
        await this.ds.transaction(async (em) => {
          // Taken by this run only: another process releasing the same night finds them gone.
          const taken = await queryRows<{ id: string }>(
            em,
            `UPDATE alert_dispatches SET state = 'digested' WHERE id = ANY($1::uuid[]) AND state = 'held' RETURNING id`,
            [held.map((h) => h.id)],
          );
          if (!taken.length) return;
          const id = await this.dispatcher.record(em, {
            key,
            ruleId: rule?.id ?? null,
            siteId,
            channelId: held[0].channel_id,
            message,
            now,
            heldUntil: null,
          });
          if (id) await this.dispatcher.send(em, id, held[0].channel_id, message, key.slice(0, 200));
          sent++;
        });
      } catch (err) {
        this.logger.warn(`releasing held messages ${key}: ${(err as Error).message}`);
      }
    }
    return sent;
  }
}

/** Within the hall's opening hours on one of its weekdays, in its zone (an hour's margin either side: alerts stand past closing). */
function openNow(site: Site, now: Date): boolean {
  const hours = indicatorSettings(site.settings).hours;
  const day = localDay(now, site.timezone);
  if (!hours.weekdays.includes(isoWeekday(day) % 7)) return false;
  const clock = hallClockParts(now, site.timezone);
  const minute = hhmmMinutes(`${clock.hour}:${clock.minute}`);
  return minute >= hhmmMinutes(hours.opens) - 60 && minute <= hhmmMinutes(hours.closes) + 60;
}
