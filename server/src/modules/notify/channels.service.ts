import { CHANNEL_SECRET_FIELDS, type ChannelTestResult, type ChannelView, type DeliveryView } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { Site } from '../registry/site.entity';
import { ChannelSecretsService } from './channel-secrets.service';
import { checkSecrets, checkSettings, maskSecret } from './channel-input';
import { ChannelCreateDto, ChannelUpdateDto, DeliveryQuery } from './dtos';
import { NotifyChannel } from './entities/notify-channel.entity';
import { NotifyService } from './notify.service';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function view(site: Site, c: NotifyChannel): ChannelView {
  const secrets: Record<string, string | null> = {};
  for (const f of CHANNEL_SECRET_FIELDS[c.kind]) secrets[f] = c.secretHints[f] ?? null;
  return {
    id: c.id,
    site: site.code,
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    ratePerMinute: c.ratePerMinute,
    settings: c.settings,
    secrets,
    health: c.health,
    consecutiveFailures: c.consecutiveFailures,
    lastError: c.lastError,
    lastSuccessAt: iso(c.lastSuccessAt),
    lastFailureAt: iso(c.lastFailureAt),
    updatedAt: new Date(c.updatedAt).toISOString(),
    updatedBy: c.updatedBy,
  };
}

/** How long the test button waits for the channel's answer before saying it is still trying. */
const TEST_WAIT_MS = 15_000;

/** A site's channels as admins keep them: every change audited, secrets sealed and write-only. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly ds: DataSource,
    private readonly secrets: ChannelSecretsService,
    private readonly notify: NotifyService,
  ) {}

  async list(site: Site): Promise<ChannelView[]> {
    const rows = await this.ds.getRepository(NotifyChannel).find({ where: { siteId: site.id }, order: { createdAt: 'ASC' } });
    return rows.map((c) => view(site, c));
  }

  private async find(em: EntityManager, site: Site, id: string, lock = false): Promise<NotifyChannel> {
    const c = await em
      .getRepository(NotifyChannel)
      .findOne({ where: { id, siteId: site.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c) throw new NotFoundException({ statusCode: 404, error: 'Not Found', field: 'id', message: `no channel ${id} at ${site.code}` });
    return c;
  }

  async create(site: Site, by: Actor, input: ChannelCreateDto): Promise<ChannelView> {
    const settings = checkSettings(input.kind, input.settings);
    const secrets = checkSecrets(input.kind, input.secrets, true);
    const id = randomUUID();
    const now = new Date();
    const hints = Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, maskSecret(k, v)]));
    const row = await this.ds.transaction(async (em) => {
      const saved = await em.getRepository(NotifyChannel).save({
        id,
        siteId: site.id,
        name: input.name.trim(),
        kind: input.kind,
        enabled: input.enabled ?? true,
        ratePerMinute: input.ratePerMinute ?? 20,
        settings,
        secretBox: this.secrets.seal(id, secrets),
        secretHints: hints,
        health: 'unknown',
        consecutiveFailures: 0,
        createdAt: now,
        updatedAt: now,
        updatedBy: by.actor,
      });
      await recordAudit(em, {
        action: 'notify.channel.create',
        by,
        site: site.code,
        target: `channel:${id}`,
        details: { name: saved.name, kind: saved.kind, enabled: saved.enabled, fields: Object.keys(secrets) },
      });
      return saved;
    });
    return view(site, await this.ds.getRepository(NotifyChannel).findOneByOrFail({ id: row.id }));
  }

  async update(site: Site, by: Actor, id: string, input: ChannelUpdateDto): Promise<ChannelView> {
    await this.ds.transaction(async (em) => {
      const c = await this.find(em, site, id, true);
      if (input.kind !== undefined && input.kind !== c.kind)
        throw badField('kind', `kind cannot change (this is a ${c.kind} channel); add a new channel instead`);
      const changed: string[] = [];
      const set = <K extends 'name' | 'enabled' | 'ratePerMinute'>(key: K, value: NotifyChannel[K] | undefined) => {
        if (value === undefined || value === c[key]) return;
        c[key] = value;
        changed.push(key);
      };
      set('name', input.name?.trim());
      set('enabled', input.enabled);
      set('ratePerMinute', input.ratePerMinute);
      if (input.settings !== undefined) {
        c.settings = checkSettings(c.kind, input.settings);
        changed.push('settings');
      }
      const fresh = checkSecrets(c.kind, input.secrets, false);
      const fields = Object.keys(fresh);
      if (fields.length) {
        const old = this.openOrEmpty(c);
        c.secretBox = this.secrets.seal(c.id, { ...old, ...fresh });
        c.secretHints = {
          ...c.secretHints,
          ...Object.fromEntries(fields.map((k) => [k, maskSecret(k, (fresh as Record<string, string>)[k])])),
        };
        changed.push(...fields.map((f) => `secrets.${f}`));
      }
      if (!changed.length) return;
      c.updatedAt = new Date();
      c.updatedBy = by.actor;
      await em.getRepository(NotifyChannel).save(c);
      await recordAudit(em, {
        action: 'notify.channel.update',
        by,
        site: site.code,
        target: `channel:${c.id}`,
        details: { name: c.name, changed },
      });
    });
    return view(site, await this.find(this.ds.manager, site, id));
  }

  /** Secrets sealed under a key since replaced cannot be opened: a partial update then starts from none. */
  private openOrEmpty(c: NotifyChannel): Record<string, string> {
    try {
      return this.secrets.open(c.id, c.secretBox) as Record<string, string>;
    } catch {
      return {};
    }
  }

  /** Sends a test message through the queue like any other, and waits a while for the channel's answer. */
  async test(site: Site, by: Actor, id: string): Promise<ChannelTestResult> {
    const { deliveryId } = await this.ds.transaction(async (em) => {
      const c = await this.find(em, site, id);
      if (!c.enabled) throw badField('enabled', 'the channel is disabled; enable it to send a test message');
      const r = await this.notify.enqueue(
        c.id,
        {
          topic: 'channel.test',
          siteId: site.id,
          title: `Hallwatch 测试消息 · ${c.name}`,
          markdown: `这是来自 **${site.name}** 运行监测的测试消息，由 ${by.actor} 发送。\n\nA test message from Hallwatch, sent by ${by.actor}.`,
        },
        { manager: em },
      );
      await recordAudit(em, {
        action: 'notify.channel.test',
        by,
        site: site.code,
        target: `channel:${c.id}`,
        details: { name: c.name, delivery: r.deliveryId },
      });
      return r;
    });
    const deadline = Date.now() + TEST_WAIT_MS;
    for (;;) {
      const [d]: Array<{ state: string; attempts: number; last_status: number | null; last_answer: string | null }> = await this.ds.query(
        `SELECT state, attempts, last_status, last_answer FROM notify_deliveries WHERE id = $1`,
        [deliveryId],
      );
      const answered = d.state === 'sent' || d.state === 'failed' || (d.state === 'queued' && d.attempts > 0);
      if (answered || Date.now() > deadline)
        return {
          ok: d.state === 'sent',
          status: d.last_status,
          answer: d.last_answer ?? (answered ? '' : 'no answer yet: the message is still queued'),
          deliveryId,
        };
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async deliveries(site: Site, q: DeliveryQuery): Promise<DeliveryView[]> {
    const args: unknown[] = [site.id];
    const where = ['c.site_id = $1'];
    if (q.channel) where.push(`d.channel_id = $${args.push(q.channel)}`);
    if (q.state) where.push(`d.state = $${args.push(q.state)}`);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT d.id, d.channel_id, c.name AS channel_name, d.topic, d.message->>'title' AS title, d.state, d.attempts,
              d.last_status, d.last_answer, d.batch_id, d.created_at, d.sent_at
       FROM notify_deliveries d JOIN notify_channels c ON c.id = d.channel_id
       WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id LIMIT $${args.push(q.limit ?? 100)}`,
      args,
    );
    return rows.map((r) => ({
      id: r.id as string,
      channelId: r.channel_id as string,
      channelName: r.channel_name as string,
      topic: r.topic as string,
      title: (r.title as string) ?? '',
      state: r.state as DeliveryView['state'],
      attempts: r.attempts as number,
      lastStatus: r.last_status as number | null,
      lastAnswer: r.last_answer as string | null,
      batchId: r.batch_id as string | null,
      createdAt: new Date(r.created_at as Date).toISOString(),
      sentAt: iso(r.sent_at as Date | null),
    }));
  }
}
