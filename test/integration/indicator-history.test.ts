import { INDICATOR_IDS, IndicatorSnapshot } from '@hallwatch/shared';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// The hourly history: one row per indicator, department and hall-local hour, refreshed in
// place, and read back as the surge baseline a week later.

const DAY = 86_400_000;
const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / 3600_000) * 3600_000); // Asia/Shanghai: whole-hour offset

describe('indicator history', () => {
  let t: TestApp;
  let service: IndicatorsService;
  let site: Site;
  let key: string;
  // Two weeks back, 10:30 in the hall (02:30Z): both the recorded week and the following one lie in the past.
  const base = new Date(Math.floor((Date.now() - 14 * DAY) / DAY) * DAY + 2.5 * 3600_000);

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(IndicatorsService);
    site = await makeSite(t.ds, 'hist', 2);
    await makeSite(t.ds, 'quiet', 1);
    key = await t.deviceKey('hist');
  });
  afterAll(async () => t.close());

  const post = async (events: unknown[]) => {
    const res = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
  };
  const issue = (ticket: string, at: Date) => ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, at);
  const history = (hour: Date, department: string): Promise<Array<{ indicator: string; value: number | null }>> =>
    t.ds.query(`SELECT indicator, value FROM indicator_history WHERE site_id = $1 AND hour = $2 AND department = $3`, [
      site.id,
      hour,
      department,
    ]);

  it('records every indicator of the current hour for the site and each department, and refreshes it in place', async () => {
    await post([issue('A1', new Date(base.getTime() - 600_000)), issue('A2', new Date(base.getTime() - 300_000))]);
    t.clock.setNow(base);
    expect(await service.recordHour(site)).toBeGreaterThan(INDICATOR_IDS.length);
    const siteRows = await history(hourOf(base), '');
    expect(siteRows).toHaveLength(INDICATOR_IDS.length);
    expect(siteRows.find((r) => r.indicator === 'queue.waiting')?.value).toBe(2);
    expect((await history(hourOf(base), 'd1')).find((r) => r.indicator === 'queue.wait.avg')?.value).toBeNull();

    await post([ev('ticket.called', { ticket: 'A1', window: 'w1' }, new Date(base.getTime() + 60_000))]);
    t.clock.setNow(new Date(base.getTime() + 120_000));
    await service.recordHour(site);
    const d1 = await history(hourOf(base), 'd1');
    expect(d1).toHaveLength(INDICATOR_IDS.length);
    expect(d1.find((r) => r.indicator === 'queue.waiting')?.value).toBe(1);
    expect(d1.find((r) => r.indicator === 'queue.wait.avg')?.value).toBe(660);
  });

  it('walks only the sites with events on their current service day', async () => {
    const later = new Date(base.getTime() + 5 * 3600_000);
    t.clock.setNow(later);
    await service.recordActiveSites();
    const rows: Array<{ code: string }> = await t.ds.query(
      `SELECT DISTINCT s.code FROM indicator_history h JOIN sites s ON s.id = h.site_id WHERE h.hour = $1`,
      [hourOf(later)],
    );
    expect(rows.map((r) => r.code)).toEqual(['hist']);
  });

  it('records one round a minute however many instances run the timer, and survives a clock set back', async () => {
    // The app's own minute timer would take rounds of its own in between.
    service.onModuleDestroy();
    const other = new IndicatorsService(t.ds, t.clock);
    const at = new Date(base.getTime() + 6 * 3600_000);
    t.clock.setNow(at);
    expect(await service.recordActiveSites()).toBe(1);
    expect(await other.recordActiveSites()).toBe(0);
    t.clock.setNow(new Date(at.getTime() + 30_000));
    expect(await other.recordActiveSites()).toBe(0);
    t.clock.setNow(new Date(at.getTime() + 60_000));
    expect(await other.recordActiveSites()).toBe(1);
    expect(await service.recordActiveSites()).toBe(0);
    t.clock.setNow(new Date(at.getTime() - 3600_000));
    expect(await service.recordActiveSites()).toBe(1);
  });

  it('turns a queue far above the same hour of last week into a surge', async () => {
    const weekLater = new Date(base.getTime() + 7 * DAY);
    const tickets = Array.from({ length: 8 }, (_, i) => issue(`B${i}`, new Date(weekLater.getTime() - (20 - i) * 60_000)));
    await post(tickets.slice(0, 7));
    t.clock.setNow(weekLater);
    const headers = bearer(await t.displayToken('hist'));
    const get = async () => (await (await fetch(`${t.url}/api/v1/sites/hist/indicators`, { headers })).json()) as IndicatorSnapshot;
    // Usual at this hour: 1 waiting (the last recording of last week's hour). 7 is far above it but under the minimum of 8.
    expect((await get()).departments.d1['surge.risk']).toBe(0);
    await post(tickets.slice(7));
    const snap = await get();
    expect(snap.departments.d1['surge.risk']).toBe(1);
    expect(snap.values['surge.risk']).toBe(1);
    const alert = snap.alerts.find((a) => a.id === 'surge.risk:d1');
    expect(alert).toMatchObject({ kind: 'surge.risk', department: 'd1', since: tickets[7].occurredAt, items: [26] });
    expect(snap.departments.d2['surge.risk']).toBe(0); // d2 has history (0 waiting) but no queue
  });
});
