import type { OutgoingMessage } from '@hallwatch/shared';
import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { afterCommit, installAfterCommit } from './after-commit';
import { NotifyProducer } from './jobs/notify-producer';
import { validateMessage } from './message-rules';

export interface EnqueueOptions {
  /** "This message once": a second enqueue with the same key returns the first delivery. */
  dedupeKey?: string;
  /** The caller's transaction: the delivery commits (or not) with the caller's change. */
  manager?: EntityManager;
}

export interface Enqueued {
  deliveryId: string;
  duplicate: boolean;
}

/**
 * The one way to send a message to a channel (docs/notifications.md). The delivery row is the
 * truth; the BullMQ job only wakes a worker for it and is rebuilt from the rows when lost.
 */
@Injectable()
export class NotifyService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly producer: NotifyProducer,
  ) {}

  onModuleInit(): void {
    installAfterCommit(this.ds);
  }

  async enqueue(channelId: string, message: OutgoingMessage, opts: EnqueueOptions = {}): Promise<Enqueued> {
    validateMessage(message, opts.dedupeKey);
    const em = opts.manager ?? this.ds.manager;
    const [channel]: Array<{ id: string }> = await em.query(`SELECT id FROM notify_channels WHERE id::text = $1`, [channelId]);
    if (!channel)
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', field: 'channelId', message: `no channel ${channelId}` });
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO notify_deliveries (channel_id, site_id, topic, message, dedupe_key, state, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'queued', now())
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [channelId, message.siteId, message.topic, JSON.stringify(message), opts.dedupeKey ?? null],
    );
    if (!rows.length) {
      const [first]: Array<{ id: string }> = await em.query(`SELECT id FROM notify_deliveries WHERE dedupe_key = $1`, [opts.dedupeKey]);
      return { deliveryId: first.id, duplicate: true };
    }
    const deliveryId = rows[0].id;
    afterCommit(em, () => this.producer.ensureSoon(deliveryId));
    return { deliveryId, duplicate: false };
  }
}
