import { validateEvent } from '@hallwatch/shared';
import { HallSimulation } from '../hall-simulation';
import { SeededRandom } from '../seeded-random';
import { orderLimits, planPlatform, WEEKDAYS_ONLY, workOrderNumber } from '../work-orders';

// The 12345 platform's side of the demo: numbers, limits counted in working days, and the
// platform's occasional word on an order.

describe('work orders of the demo hall', () => {
  it('numbers the orders year first, the live hall apart from the past days', () => {
    expect(workOrderNumber('2024-06-03', 7, false)).toBe('2024060300007');
    expect(workOrderNumber('2024-06-03', 7, true)).toBe('2024060390007');
  });

  it('asks for signing by the next working day and closing by the fifth, skipping the weekend', () => {
    // Friday 7 June 2024, 10:15 at the hall.
    const received = Date.parse('2024-06-07T10:15:00+08:00');
    expect(orderLimits('2024-06-07', received, WEEKDAYS_ONLY)).toEqual({
      signBy: '2024-06-10T10:15:00+08:00',
      closeBy: '2024-06-14T17:30:00+08:00',
    });
    // A calendar that takes Monday off moves both.
    const holidayMonday = (day: string, n: number) => WEEKDAYS_ONLY(WEEKDAYS_ONLY(day, 1) === '2024-06-10' ? '2024-06-10' : day, n);
    expect(orderLimits('2024-06-07', received, holidayMonday).signBy).toBe('2024-06-11T10:15:00+08:00');
  });

  it('has the platform extend, close or withdraw now and then, each after the order came and valid as an event', () => {
    const received = Date.parse('2024-06-03T10:00:00+08:00');
    const limits = orderLimits('2024-06-03', received, WEEKDAYS_ONLY);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const updates = planPlatform(new SeededRandom(i + 1), `W${i}`, '2024-06-03', received, limits, WEEKDAYS_ONLY);
      expect(updates.length).toBeLessThanOrEqual(1);
      for (const u of updates) {
        counts[u.data.change] = (counts[u.data.change] ?? 0) + 1;
        expect(u.atMs).toBeGreaterThan(received);
        if (u.data.change === 'extended') expect(Date.parse(u.data.closeBy!)).toBeGreaterThan(Date.parse(limits.closeBy));
        const e = { id: `u${i}`, type: 'complaint.platform_updated', occurredAt: new Date(u.atMs).toISOString(), data: u.data };
        expect(validateEvent(e).ok).toBe(true);
      }
    }
    const share = (change: string) => (counts[change] ?? 0) / 2000;
    expect(share('withdrawn')).toBeGreaterThan(0.01);
    expect(share('withdrawn')).toBeLessThan(0.06);
    expect(share('closed')).toBeGreaterThan(0.08);
    expect(share('extended')).toBeGreaterThan(0.06);
    expect(share('withdrawn') + share('closed') + share('extended')).toBeLessThan(0.35);
  });

  it('sends the changes within the hall day with the day, and holds the later ones with their own ids', () => {
    let later = 0;
    for (const day of ['2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-10']) {
      const sim = new HallSimulation({ day, seed: 5, ticketsPerDay: 300, complaintsPerDay: 30 });
      const events = sim.advanceTo(new Date(sim.endMs));
      const orders = new Set(
        events.filter((e) => e.type === 'complaint.received').map((e) => (e.data as { workOrder?: string }).workOrder),
      );
      for (const e of [...events, ...sim.drainLaterOrderUpdates()].filter((x) => x.type === 'complaint.platform_updated')) {
        expect(orders.has((e.data as { workOrder: string }).workOrder)).toBe(true);
        expect(validateEvent(e).ok).toBe(true);
        if (!e.occurredAt.startsWith(day)) later++;
      }
      expect(sim.drainLaterOrderUpdates()).toEqual([]);
    }
    expect(later).toBeGreaterThan(0);
  });
});
