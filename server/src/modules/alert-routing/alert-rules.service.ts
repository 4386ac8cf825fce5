import type { AlertDispatchView, AlertRecipientView, AlertRuleView, DispatchState, RoutingChannelView } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { Site } from '../registry/site.entity';
import type { AlertRecipientDto, AlertRuleDto } from './dtos/alert-routing.dto';
import { AlertRecipient } from './entities/alert-recipient.entity';
import { AlertRule } from './entities/alert-rule.entity';
import { siteAndAbove } from './rule-store';

const notFound = (what: string, id: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', field: 'id', message: `No ${what} ${id} at this site` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The rules and recipients an admin keeps for a site: every change checked against the site's
// channels, people and departments, and audited in its own transaction.
@Injectable()
export class AlertRulesService {
  constructor(private readonly ds: DataSource) {}

  async rules(site: Site): Promise<AlertRuleView[]> {
    const rows = await this.ds.getRepository(AlertRule).find({ where: { siteId: site.id }, order: { name: 'ASC', id: 'ASC' } });
    return rows.map((r) => ruleView(site, r));
  }

  async recipients(site: Site): Promise<AlertRecipientView[]> {
    const rows = await this.ds
      .getRepository(AlertRecipient)
      .find({ where: { siteId: site.id }, order: { department: 'ASC', name: 'ASC', id: 'ASC' } });
    return rows.map((r) => recipientView(site, r));
  }

  async channels(site: Site): Promise<RoutingChannelView[]> {
    return this.ds.query(
      `SELECT c.id, c.name, c.kind, s.code AS site FROM notify_channels c JOIN sites s ON s.id = c.site_id
       WHERE c.site_id = ANY($1::uuid[]) ORDER BY c.site_id = $2 DESC, c.name, c.id`,
      [await siteAndAbove(this.ds.manager, site.id), site.id],
    );
  }

  async dispatches(site: Site, limit = 50): Promise<AlertDispatchView[]> {
    const rows: Array<{
      id: string;
      rule_id: string | null;
      topic: string;
      title: string;
      state: DispatchState;
      at: Date;
      held_until: Date | null;
      delivery_id: string | null;
    }> = await this.ds.query(
      `SELECT id, rule_id, message->>'topic' AS topic, message->>'title' AS title, state, at, held_until, delivery_id
         FROM alert_dispatches WHERE site_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [site.id, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      site: site.code,
      topic: r.topic,
      title: r.title,
      state: r.state,
      at: new Date(r.at).toISOString(),
      heldUntil: r.held_until ? new Date(r.held_until).toISOString() : null,
      deliveryId: r.delivery_id,
    }));
  }

  async saveRule(site: Site, who: Actor, body: AlertRuleDto, id?: string): Promise<AlertRuleView> {
    return this.ds.transaction(async (em) => {
      const repo = em.getRepository(AlertRule);
      const existing = id ? await this.owned(em, AlertRule, site, id, 'rule') : null;
      await this.checkRule(em, site, body);
      const saved = await repo.save({
        ...(existing ?? { siteId: site.id }),
        name: body.name.trim(),
        enabled: body.enabled ?? existing?.enabled ?? true,
        scope: body.scope ?? existing?.scope ?? 'site',
        kinds: body.kinds ?? existing?.kinds ?? [],
        minSeverity: body.minSeverity ?? existing?.minSeverity ?? 'warning',
        channelId: body.channelId,
        recipientIds: body.recipientIds ?? existing?.recipientIds ?? [],
        quietFrom: body.quietHours === undefined ? (existing?.quietFrom ?? null) : (body.quietHours?.from ?? null),
        quietTo: body.quietHours === undefined ? (existing?.quietTo ?? null) : (body.quietHours?.to ?? null),
        sendCleared: body.sendCleared ?? existing?.sendCleared ?? true,
        digests: body.digests ?? existing?.digests ?? [],
      });
      const view = ruleView(site, saved);
      await recordAudit(em, {
        action: existing ? 'alert-rule.update' : 'alert-rule.create',
        by: who,
        site: site.code,
        target: saved.id,
        details: { ...view },
      });
      return view;
    });
  }

  async removeRule(site: Site, who: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const rule = await this.owned(em, AlertRule, site, id, 'rule');
      await em.delete(AlertRule, { id: rule.id });
      await recordAudit(em, { action: 'alert-rule.delete', by: who, site: site.code, target: rule.id, details: { name: rule.name } });
    });
  }

  async saveRecipient(site: Site, who: Actor, body: AlertRecipientDto, id?: string): Promise<AlertRecipientView> {
    return this.ds.transaction(async (em) => {
      const existing = id ? await this.owned(em, AlertRecipient, site, id, 'recipient') : null;
      const department = body.department === undefined ? (existing?.department ?? null) : body.department;
      if (department !== null) {
        const [dept] = await em.query(`SELECT 1 FROM departments WHERE site_id = $1 AND code = $2`, [site.id, department]);
        if (!dept) throw badField('department', `department ${department} is not a department of ${site.code}`);
      }
      const mobile = body.mobile === undefined ? (existing?.mobile ?? null) : body.mobile;
      const userId = body.userId === undefined ? (existing?.userId ?? null) : body.userId;
      const email = body.email === undefined ? (existing?.email ?? null) : body.email;
      if (!mobile && !userId && !email) throw badField('mobile', 'a recipient needs a mobile, a userId or an email to be reached by');
      const saved = await em.getRepository(AlertRecipient).save({
        ...(existing ?? { siteId: site.id }),
        department,
        name: body.name.trim(),
        duty: body.duty ?? existing?.duty ?? 'member',
        mobile,
        userId,
        email,
      });
      // The audit keeps who and what duty; the contact details stay out of it.
      await recordAudit(em, {
        action: existing ? 'alert-recipient.update' : 'alert-recipient.create',
        by: who,
        site: site.code,
        target: saved.id,
        details: { name: saved.name, department, duty: saved.duty },
      });
      return recipientView(site, saved);
    });
  }

  async removeRecipient(site: Site, who: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const r = await this.owned(em, AlertRecipient, site, id, 'recipient');
      // Rules of this site or below may name the person: they stop @mentioning them.
      await em.query(
        `UPDATE alert_rules SET recipient_ids = array_remove(recipient_ids, $1::uuid), updated_at = now() WHERE $1::uuid = ANY(recipient_ids)`,
        [r.id],
      );
      await em.delete(AlertRecipient, { id: r.id });
      await recordAudit(em, { action: 'alert-recipient.delete', by: who, site: site.code, target: r.id, details: { name: r.name } });
    });
  }

  private async owned<T extends AlertRule | AlertRecipient>(
    em: EntityManager,
    cls: new () => T,
    site: Site,
    id: string,
    what: string,
  ): Promise<T> {
    if (!UUID.test(id)) throw badField('id', `id must be a ${what} id (uuid)`);
    const row = await em.getRepository(cls).findOneBy({ id, siteId: site.id } as FindOptionsWhere<T>);
    if (!row) throw notFound(what, id);
    return row;
  }

  private async checkRule(em: EntityManager, site: Site, body: AlertRuleDto): Promise<void> {
    const reach = await siteAndAbove(em, site.id);
    const [channel] = await em.query(`SELECT 1 FROM notify_channels WHERE id = $1 AND site_id = ANY($2::uuid[])`, [body.channelId, reach]);
    if (!channel) throw badField('channelId', `channelId ${body.channelId} is not a channel of ${site.code} or of a site above it`);
    const ids = body.recipientIds ?? [];
    if (ids.length) {
      const found: Array<{ id: string }> = await em.query(
        `SELECT id FROM alert_recipients WHERE id = ANY($1::uuid[]) AND site_id = ANY($2::uuid[])`,
        [ids, reach],
      );
      const missing = ids.find((x) => !found.some((f) => f.id === x));
      if (missing)
        throw badField('recipientIds', `recipientIds names ${missing}, who is not a recipient of ${site.code} or of a site above it`);
    }
    if (body.quietHours && body.quietHours.from === body.quietHours.to)
      throw badField('quietHours.to', 'quietHours.to must differ from quietHours.from');
  }
}

function ruleView(site: Site, r: AlertRule): AlertRuleView {
  return {
    id: r.id,
    site: site.code,
    name: r.name,
    enabled: r.enabled,
    scope: r.scope,
    kinds: r.kinds,
    minSeverity: r.minSeverity,
    channelId: r.channelId,
    recipientIds: r.recipientIds,
    quietHours: r.quietFrom && r.quietTo ? { from: r.quietFrom, to: r.quietTo } : null,
    sendCleared: r.sendCleared,
    digests: r.digests,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

function recipientView(site: Site, r: AlertRecipient): AlertRecipientView {
  return {
    id: r.id,
    site: site.code,
    department: r.department,
    name: r.name,
    duty: r.duty,
    mobile: r.mobile,
    userId: r.userId,
    email: r.email,
  };
}
