import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { OnDomainEvent } from '../domain-events/domain-events';
import type { AlertsChanged, AlertTransition } from '../domain-events/domain-events';
import { alertMessage, type SiteNames } from './alert-messages';
import { AlertDispatcher } from './alert-dispatcher';
import { alertDedupeKey, ruleTakes } from './rule-matching';
import { recipientsByIds, rulesCovering, type RuleRow } from './rule-store';

// Sends each raised and cleared alert through every rule that covers its site and takes its kind
// and severity: once per standing (the key), and its clearing once.
@Injectable()
export class AlertRouter {
  private readonly logger = new Logger(AlertRouter.name);

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly dispatcher: AlertDispatcher,
  ) {}

  @OnDomainEvent('alerts.changed')
  async changed(change: AlertsChanged): Promise<void> {
    const rules = await rulesCovering(this.ds.manager, change.siteId);
    if (!rules.length) return;
    const [site]: SiteNames[] = await this.ds.query(`SELECT id, name, timezone FROM sites WHERE id = $1`, [change.siteId]);
    if (!site) return;
    for (const rule of rules) {
      const people = await recipientsByIds(this.ds.manager, rule.recipientIds);
      for (const t of change.raised) await this.route(rule, site, t, 'raised', people);
      if (rule.sendCleared) for (const t of change.cleared) await this.route(rule, site, t, 'cleared', people);
    }
  }

  private async route(
    rule: RuleRow,
    site: SiteNames,
    t: AlertTransition,
    event: 'raised' | 'cleared',
    people: Awaited<ReturnType<typeof recipientsByIds>>,
  ) {
    if (!ruleTakes(rule, t.alert.kind, t.alert.severity)) return;
    const key = alertDedupeKey(rule.id, site.id, t.alert.id, t.raisedAt, event === 'raised' ? `raised.${t.alert.severity}` : 'cleared');
    try {
      await this.dispatcher.dispatch(rule, site.timezone, alertMessage(site, t.alert, event, people, this.clock.now()), key);
    } catch (err) {
      // One rule's broken channel must not keep the others' messages back.
      this.logger.warn(`alert ${t.alert.id} through rule ${rule.id}: ${(err as Error).message}`);
    }
  }
}
