import type { OutgoingMessage } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { NotifyService } from '../notify/notify.service';
import { quietUntil } from './rule-matching';
import type { RuleRow } from './rule-store';

export type DispatchOutcome = 'sent' | 'held' | 'already';

/**
 * Hands a routed message to notify, or holds it through the rule's quiet hours. Each decision is
 * stored under its key first, in the same transaction as the delivery, so a message is decided
 * once whatever repeats (two processes seeing the same alert, a sweep run twice).
 */
@Injectable()
export class AlertDispatcher {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
  ) {}

  async dispatch(
    rule: RuleRow,
    timeZone: string,
    message: OutgoingMessage,
    key: string,
    opts: { ignoreQuiet?: boolean } = {},
  ): Promise<DispatchOutcome> {
    const now = this.clock.now();
    const quiet = opts.ignoreQuiet
      ? null
      : quietUntil(rule.quietFrom && rule.quietTo ? { from: rule.quietFrom, to: rule.quietTo } : null, now, timeZone);
    return this.ds.transaction(async (em) => {
      const id = await this.record(em, {
        key,
        ruleId: rule.id,
        siteId: message.siteId ?? rule.siteId,
        channelId: rule.channelId,
        message,
        now,
        heldUntil: quiet,
      });
      if (!id) return 'already';
      if (quiet) return 'held';
      await this.send(em, id, rule.channelId, message, key);
      return 'sent';
    });
  }

  /** Stores the decision under its key; null when it was already taken. */
  async record(
    em: EntityManager,
    d: {
      key: string;
      ruleId: string | null;
      siteId: string;
      channelId: string;
      message: OutgoingMessage;
      now: Date;
      heldUntil: Date | null;
    },
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO alert_dispatches (dedupe_key, rule_id, site_id, channel_id, state, held_until, message, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [d.key, d.ruleId, d.siteId, d.channelId, d.heldUntil ? 'held' : 'sent', d.heldUntil, JSON.stringify(d.message), d.now],
    );
    return rows[0]?.id ?? null;
  }

  async send(em: EntityManager, dispatchId: string, channelId: string, message: OutgoingMessage, key: string): Promise<void> {
    const { deliveryId } = await this.notify.enqueue(channelId, message, { dedupeKey: key, manager: em });
    await em.query(`UPDATE alert_dispatches SET delivery_id = $2 WHERE id = $1`, [dispatchId, deliveryId]);
  }
}
