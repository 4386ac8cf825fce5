import type { LiveAlert } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import { OnDomainEvent } from '../domain-events/domain-events';
import type { AlertsObserved, AlertTransition, DomainEvents } from '../domain-events/domain-events';

interface StateRow {
  alert_id: string;
  raised_at: Date;
  severity: string;
  alert: LiveAlert;
}

// A site whose alerts look as they did when last written is not written again for this long: the
// wall pushes several times a second, and another process may have moved the site on meanwhile.
const RECHECK_MS = 5 * 60_000;

const fingerprint = (alerts: readonly LiveAlert[]) =>
  alerts
    .map((a) => `${a.id}|${a.severity}`)
    .sort()
    .join('\n');

/**
 * Judges a site's alerts against routing's record of what stands there (alert_states), one
 * process at a time per site, and announces what was raised and cleared once it committed.
 * The wall's pushes and the worker's sweep both feed it, so a site nobody watches is judged too.
 */
@Injectable()
export class AlertTracker {
  private readonly seen = new Map<string, { print: string; at: number }>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  @OnDomainEvent('alerts.observed')
  async observed({ site, alerts }: AlertsObserved): Promise<void> {
    await this.observe(site.id, alerts);
  }

  /** Records the site's alerts as they stand now; returns how many were raised and cleared. */
  async observe(siteId: string, alerts: readonly LiveAlert[]): Promise<{ raised: number; cleared: number }> {
    const print = fingerprint(alerts);
    const last = this.seen.get(siteId);
    if (last && last.print === print && Date.now() - last.at < RECHECK_MS) return { raised: 0, cleared: 0 };
    const now = this.clock.now();
    const { raised, cleared } = await this.ds.transaction(async (em) => {
      // One judge per site at a time, across processes: two pushes must not both find an alert new.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('alert_states'), hashtext($1))`, [siteId]);
      const rows: StateRow[] = await em.query(`SELECT alert_id, raised_at, severity, alert FROM alert_states WHERE site_id = $1`, [siteId]);
      const before = new Map(rows.map((r) => [r.alert_id, r]));
      const raised: AlertTransition[] = [];
      const upserts: Array<{ alert: LiveAlert; raisedAt: Date }> = [];
      for (const a of alerts) {
        const prev = before.get(a.id);
        const raisedAt = prev ? new Date(prev.raised_at) : now;
        // A warning that became a breach is news to a rule that takes only breaches.
        if (!prev || (prev.severity !== 'breach' && a.severity === 'breach')) raised.push({ alert: a, raisedAt: raisedAt.toISOString() });
        if (!prev || prev.severity !== a.severity || prev.alert.message.zh !== a.message.zh) upserts.push({ alert: a, raisedAt });
      }
      const ids = new Set(alerts.map((a) => a.id));
      const cleared: AlertTransition[] = rows
        .filter((r) => !ids.has(r.alert_id))
        .map((r) => ({ alert: { ...r.alert, state: 'cleared' as const }, raisedAt: new Date(r.raised_at).toISOString() }));
      if (cleared.length)
        await em.query(`DELETE FROM alert_states WHERE site_id = $1 AND alert_id = ANY($2::varchar[])`, [
          siteId,
          cleared.map((c) => c.alert.id),
        ]);
      if (upserts.length)
        await em.query(
          `INSERT INTO alert_states (site_id, alert_id, raised_at, severity, alert)
           SELECT $1, u.id, u.raised_at, u.severity, u.alert FROM jsonb_to_recordset($2::jsonb) AS u(id varchar, raised_at timestamptz, severity varchar, alert jsonb)
           ON CONFLICT (site_id, alert_id) DO UPDATE SET severity = EXCLUDED.severity, alert = EXCLUDED.alert`,
          [
            siteId,
            JSON.stringify(upserts.map((u) => ({ id: u.alert.id, raised_at: u.raisedAt, severity: u.alert.severity, alert: u.alert }))),
          ],
        );
      return { raised, cleared };
    });
    this.seen.set(siteId, { print, at: Date.now() });
    if (raised.length || cleared.length) this.events.emit('alerts.changed', { siteId, raised, cleared });
    return { raised: raised.length, cleared: cleared.length };
  }
}
