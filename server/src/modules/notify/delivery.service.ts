import type { ChannelKind, OutgoingMessage } from '@hallwatch/shared';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { DomainEvents } from '../domain-events/domain-events';
import { ChannelSecretsService } from './channel-secrets.service';
import { clip, SendResult } from './channels/sender';
import { SENDERS } from './channels/senders';
import { mergeMessages } from './merge-messages';

/** An attempt older than this without an outcome was cut short by a process that died (sends time out at 10 s). */
export const LEASE_MS = 60_000;
/** Most messages one merged message carries. */
export const MERGE_MAX = 20;
/** Consecutive failed attempts after which a channel is unhealthy and the wall says so. */
export const UNHEALTHY_AFTER = 3;

export type Claim =
  | { kind: 'done'; why: string }
  | { kind: 'wait'; ms: number; why: string }
  | {
      kind: 'send';
      lead: string;
      ids: string[];
      attemptId: string;
      channelId: string;
      channelKind: ChannelKind;
      settings: Record<string, unknown>;
      secretBox: string;
      message: OutgoingMessage;
    };

interface DeliveryRow {
  id: string;
  channel_id: string;
  state: string;
  batch_id: string | null;
  age_ms: number | null;
  message: OutgoingMessage;
}

interface ChannelRow {
  id: string;
  site_id: string;
  kind: ChannelKind;
  enabled: boolean;
  rate_per_minute: number;
  settings: Record<string, unknown>;
  secret_box: string;
}

/**
 * One attempt at a delivery, in three steps: claim it (a short transaction marks it `sending` and
 * opens an attempt row), send it, and record the outcome (a second short transaction). A process
 * that dies between the send and the record leaves a `sending` row whose lease runs out; the
 * next claim closes that attempt as interrupted and sends again. So delivery is at least once,
 * never lost; the only duplicate possible is a send whose answer never got recorded, and every
 * resend carries the same delivery id (docs/notifications.md).
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('notify');

  constructor(
    private readonly ds: DataSource,
    private readonly secrets: ChannelSecretsService,
    @Optional() private readonly events?: DomainEventBus<DomainEvents>,
  ) {}

  claim(deliveryId: string): Promise<Claim> {
    return this.ds.transaction(async (em) => {
      // The channel's row is locked first: one claim per channel at a time counts its rate and
      // picks the messages to merge, and rows other jobs are about to claim are not yet locked
      // (so not skipped) when it does.
      const [owner]: Array<{ channel_id: string }> = await em.query(`SELECT channel_id FROM notify_deliveries WHERE id::text = $1`, [
        deliveryId,
      ]);
      if (!owner) return { kind: 'done', why: 'no such delivery' };
      await em.query(`SELECT id FROM notify_channels WHERE id = $1 FOR UPDATE`, [owner.channel_id]);
      const [d]: DeliveryRow[] = await em.query(
        `SELECT id, channel_id, state, batch_id, message,
                (extract(epoch FROM now() - sending_at) * 1000)::float8 AS age_ms
         FROM notify_deliveries WHERE id::text = $1 FOR UPDATE`,
        [deliveryId],
      );
      if (!d) return { kind: 'done', why: 'no such delivery' };
      if (d.state === 'sent' || d.state === 'failed') return { kind: 'done', why: d.state };
      if (d.state === 'sending') {
        const age = d.age_ms ?? LEASE_MS;
        if (age < LEASE_MS) return { kind: 'wait', ms: LEASE_MS - age + 500, why: 'an attempt is under way' };
        await this.releaseInterrupted(em, d.batch_id ?? d.id);
      }
      const [ch]: ChannelRow[] = await em.query(
        `SELECT id, site_id, kind, enabled, rate_per_minute, settings, secret_box FROM notify_channels WHERE id = $1`,
        [d.channel_id],
      );
      if (!ch.enabled) {
        await em.query(
          `UPDATE notify_deliveries SET state = 'failed', last_status = NULL, last_answer = 'channel disabled' WHERE id = $1`,
          [d.id],
        );
        return { kind: 'done', why: 'channel disabled' };
      }
      // The channel's limit counts every request of the last minute, answered or not.
      const [rate]: Array<{ recent: number; wait_ms: number | null }> = await em.query(
        `SELECT count(*)::int AS recent, (extract(epoch FROM min(at) + interval '60 seconds' - now()) * 1000)::float8 AS wait_ms
         FROM notify_attempts WHERE channel_id = $1 AND at > now() - interval '60 seconds'`,
        [ch.id],
      );
      if (rate.recent >= ch.rate_per_minute) return { kind: 'wait', ms: Math.max(250, (rate.wait_ms ?? 0) + 250), why: 'rate limit' };
      const [{ waiting }]: Array<{ waiting: number }> = await em.query(
        `SELECT count(*)::int AS waiting FROM notify_deliveries WHERE channel_id = $1 AND state = 'queued' AND id <> $2`,
        [ch.id, d.id],
      );
      let carried: Array<{ id: string; message: OutgoingMessage }> = [d];
      // Sending the queue one by one would pass the limit: merge it, never drop any.
      if (waiting + 1 > ch.rate_per_minute - rate.recent) {
        const more: Array<{ id: string; message: OutgoingMessage }> = await em.query(
          `SELECT id, message FROM notify_deliveries WHERE channel_id = $1 AND state = 'queued' AND id <> $2
           ORDER BY created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [ch.id, d.id, MERGE_MAX - 1],
        );
        carried = [d, ...more];
      }
      const ids = carried.map((c) => c.id);
      await em.query(
        `UPDATE notify_deliveries SET state = 'sending', sending_at = now(), attempts = attempts + 1,
                batch_id = CASE WHEN id = $1 THEN NULL ELSE $1::uuid END
         WHERE id = ANY($2::uuid[])`,
        [d.id, ids],
      );
      const [{ id: attemptId }]: Array<{ id: string }> = await em.query(
        `INSERT INTO notify_attempts (delivery_id, channel_id, at, carried) VALUES ($1, $2, now(), $3) RETURNING id::text AS id`,
        [d.id, ch.id, ids.length],
      );
      return {
        kind: 'send',
        lead: d.id,
        ids,
        attemptId,
        channelId: ch.id,
        channelKind: ch.kind,
        settings: ch.settings,
        secretBox: ch.secret_box,
        message: mergeMessages(carried.map((c) => c.message)),
      };
    });
  }

  /** A crashed attempt: its outcome is unknown, so it is closed as such and its deliveries wait again. */
  private async releaseInterrupted(em: EntityManager, lead: string): Promise<void> {
    const answer = 'interrupted: the sending process stopped before the answer was recorded; sent again';
    await em.query(`UPDATE notify_attempts SET ok = false, answer = $2 WHERE delivery_id = $1 AND ok IS NULL`, [lead, answer]);
    await em.query(
      `UPDATE notify_deliveries SET state = 'queued', sending_at = NULL, batch_id = NULL, last_answer = $2
       WHERE (id = $1 OR batch_id = $1) AND state = 'sending'`,
      [lead, answer],
    );
  }

  /** Sends a claimed message. Secrets are opened only here, and no error text carries them. */
  async send(claim: Extract<Claim, { kind: 'send' }>): Promise<SendResult> {
    let secrets;
    try {
      secrets = this.secrets.open(claim.channelId, claim.secretBox);
    } catch (err) {
      return { ok: false, status: null, answer: (err as Error).message, retryable: true };
    }
    try {
      return await SENDERS[claim.channelKind].send(
        claim.settings,
        secrets,
        { deliveryId: claim.lead, carried: claim.ids, message: claim.message },
        new Date(),
      );
    } catch (err) {
      return { ok: false, status: null, answer: clip(`send failed: ${(err as Error).name}`), retryable: true };
    }
  }

  /** Records an attempt's outcome; `final` when no retry will follow. Returns the deliveries' new state. */
  async record(claim: Extract<Claim, { kind: 'send' }>, r: SendResult, final: boolean): Promise<'sent' | 'queued' | 'failed'> {
    const { state, siteId, healthChanged } = await this.ds.transaction(async (em) => {
      // The channel first, in the same order as a claim, or the two would deadlock.
      const [before]: Array<{ health: string; site_id: string }> = await em.query(
        `SELECT health, site_id FROM notify_channels WHERE id = $1 FOR UPDATE`,
        [claim.channelId],
      );
      await em.query(`UPDATE notify_attempts SET ok = $2, status = $3, answer = $4 WHERE id = $1`, [
        claim.attemptId,
        r.ok,
        r.status,
        r.answer,
      ]);
      const state: 'sent' | 'queued' | 'failed' = r.ok ? 'sent' : final || !r.retryable ? 'failed' : 'queued';
      // The lead takes the outcome; the others it carried wait again for their own jobs unless it was sent.
      await em.query(
        `UPDATE notify_deliveries
         SET state = CASE WHEN $3 = 'sent' THEN 'sent' WHEN id = $2 THEN $3 ELSE 'queued' END,
             sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE NULL END,
             batch_id = CASE WHEN $3 = 'sent' THEN batch_id ELSE NULL END,
             sending_at = NULL, last_status = $4, last_answer = $5
         WHERE id = ANY($1::uuid[]) AND state = 'sending'`,
        [claim.ids, claim.lead, state, r.status, r.answer],
      );
      // UPDATE … RETURNING answers [rows, count] through the manager.
      const [after]: [Array<{ health: string }>, number] = r.ok
        ? await em.query(
            `UPDATE notify_channels SET consecutive_failures = 0, health = 'healthy', last_success_at = now(), unhealthy_since = NULL
             WHERE id = $1 RETURNING health`,
            [claim.channelId],
          )
        : await em.query(
            `UPDATE notify_channels SET consecutive_failures = consecutive_failures + 1, last_error = $2, last_failure_at = now(),
                    health = CASE WHEN consecutive_failures + 1 >= $3 THEN 'unhealthy' ELSE health END,
                    unhealthy_since = CASE WHEN consecutive_failures + 1 >= $3 THEN coalesce(unhealthy_since, now()) ELSE unhealthy_since END
             WHERE id = $1 RETURNING health`,
            [claim.channelId, r.answer, UNHEALTHY_AFTER],
          );
      return { state, siteId: before.site_id, healthChanged: (before.health === 'unhealthy') !== (after[0]?.health === 'unhealthy') };
    });
    if (healthChanged) await this.siteChanged(siteId);
    return state;
  }

  private async siteChanged(siteId: string): Promise<void> {
    if (!this.events) return;
    const [site]: Array<{ code: string }> = await this.ds.query(`SELECT code FROM sites WHERE id = $1`, [siteId]);
    if (site) this.events.emit('site.changed', { siteId, siteCode: site.code, cause: 'notify' });
    else this.logger.warn(`channel of an unknown site ${siteId}`);
  }
}
