import { BAD_REVIEW_ALERT_KIND, FOLLOW_UP_ALERT_KINDS, IndicatorSnapshot, PATROL_ALERT_KINDS, REBOUND_ALERT_KIND } from '@hallwatch/shared';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { rectificationServices } from '../../server/src/cli/commands/rectification.commands';
import { AppConfig } from '../../server/src/core/config/app-config';
import { Clock } from '../../server/src/core/time/clock';
import { serviceDay } from '../../server/src/core/time/service-day';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { WorkerModule } from '../../server/src/worker.module';
import { ev, makeSite, servedTicket } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// The server, a `hallwatch worker` and the CLI each build the wall's snapshot (the worker and the
// CLI for the look-back): all three must see the same sources, alerts of other features included.

jest.setTimeout(60_000);

// A Tuesday morning in the hall, frozen in all three contexts.
const NOW = '2024-07-16T10:00:00+08:00';

describe('the snapshot of one site in the server, the worker and the CLI', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('is the same, patrol, rebound, follow-up and the hall’s own alerts included', async () => {
    t = await startTestApp({ FIXED_CLOCK: NOW });
    const site = await makeSite(t.ds, 'sc', 2);
    const now = new Date(NOW);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    await t.ds.query(
      `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state)
       VALUES ($1, $2, 1, 'r1', '09:00', $3, $3, $4, 'overdue')`,
      [site.id, serviceDay(now, site.timezone), hourAgo, new Date(now.getTime() + 3_600_000)],
    );
    const [report] = await t.ds.query(
      `INSERT INTO rectification_reports (site_id, ref, source_name, imported_at, findings) VALUES ($1, 'r', 'r.txt', $2, '[]') RETURNING id`,
      [site.id, hourAgo],
    );
    const [item] = await t.ds.query(
      `INSERT INTO rectification_items (report_id, site_id, key, number, problem, source_line, end_line, seen_at, status)
       VALUES ($1, $2, '47', 47, 'waits too long', 1, 1, $3, 'rectified') RETURNING id`,
      [report.id, site.id, hourAgo],
    );
    const links = [{ indicator: 'queue.waiting', comparator: '<=', target: 10, window: 'now', department: 'd1', value: 12 }];
    await t.ds.query(
      `INSERT INTO rectification_rebounds (item_id, site_id, rebounding, since, last_checked_at, links) VALUES ($1, $2, true, $3, $3, $4)`,
      [item.id, site.id, hourAgo, JSON.stringify(links)],
    );
    await t.ds.query(
      `INSERT INTO follow_up_cases (site_id, kind, source_id, department, real_name, opened_at, status, contact_due_at, resolve_due_at, resolve_overdue_at)
       VALUES ($1, 'review', 'rv1', 'd1', false, $2, 'in_progress', $2, $2, $2)`,
      [site.id, new Date(now.getTime() - 5 * 86_400_000)],
    );

    // The morning at the windows: 1 far busier than 2, 3 and 4 never staffed, and a 差评 just in.
    const min = (m: number) => new Date(now.getTime() - m * 60_000);
    const events = [
      ev('staff.signed_in', { staff: 's1', window: 'w1' }, min(95)),
      ev('staff.signed_in', { staff: 's2', window: 'w2' }, min(95)),
      ...Array.from({ length: 10 }, (_, i) => servedTicket(`A${i}`, [min(80 - 6 * i), min(79 - 6 * i), min(76 - 6 * i)])).flat(),
      ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1', window: 'w1', staff: 's1' }, min(5)),
    ];
    const res = await postEvents(t.url, await t.deviceKey('sc'), { events });
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);

    const server = await t.app.get(IndicatorsService).snapshot(site);
    const kinds = server.alerts.map((a) => a.kind).sort();
    expect(kinds).toEqual(
      [
        FOLLOW_UP_ALERT_KINDS.overdue,
        PATROL_ALERT_KINDS.roundOverdue,
        REBOUND_ALERT_KIND,
        BAD_REVIEW_ALERT_KIND,
        'windows.imbalance',
        'window.unattended',
        'window.unattended',
      ].sort(),
    );
    expect(server.values['patrol.rounds.due']).toBe(1);

    // The worker as `hallwatch worker` builds it, without its queue workers running.
    const workerConfig = Object.assign(new AppConfig(), t.config, { RUN_WORKERS: false });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig, new Clock(workerConfig)), { logger: false });
    const inWorker: IndicatorSnapshot = await worker.get(IndicatorsService).snapshot(site);

    const fresh = (await t.ds.getRepository(Site).findOneBy({ id: site.id }))!;
    const inCli = await rectificationServices(t.ds, t.config).indicators.snapshot(fresh);

    expect(inWorker).toEqual(server);
    expect(inCli).toEqual(server);
  });
});
