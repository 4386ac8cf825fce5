import { HallEvent, validateEvent } from '@hallwatch/shared';
import { simulateDay } from '../hall-simulation';
import { dayFactor, tierLayout } from '../tier-layout';
import { staffProblems, ticketProblems } from './hall-checks';

const DAY = '2024-06-03';
const issued = (events: HallEvent[]) => events.filter((e) => e.type === 'ticket.issued').length;

describe('the demo district’s lower tiers', () => {
  it('stations about 210 service items at a town centre and 43 at a village station, with windows and a roster', () => {
    const town = tierLayout('huiji-t1', 'town');
    const village = tierLayout('huiji-t1-v3', 'village');
    expect(town.items).toHaveLength(210);
    expect(village.items).toHaveLength(43);
    expect(new Set(town.items.map((i) => i.code)).size).toBe(210);
    expect(town.windows.length).toBeGreaterThan(village.windows.length);
    // Every window has its desk, and one more is on the roster who never turns up.
    expect(town.staff.filter((s) => s.window)).toHaveLength(town.windows.length);
    expect(village.staff).toHaveLength(village.windows.length + 1);
    // Each item belongs to one of the site's own departments.
    const depts = new Set(village.departments.map((d) => d.code));
    expect(village.items.every((i) => depts.has(i.department))).toBe(true);
  });

  it('is the same for the same site, and differs between sites', () => {
    expect(tierLayout('huiji-t2', 'town')).toEqual(tierLayout('huiji-t2', 'town'));
    expect(tierLayout('huiji-t2-v1', 'village').staff[0].name).not.toBe(tierLayout('huiji-t2-v2', 'village').staff[0].name);
  });

  it('plays a town centre at a few hundred tickets a day and a village at a few dozen, all valid and consistent', () => {
    const town = tierLayout('huiji-t1', 'town');
    const village = tierLayout('huiji-t1-v3', 'village');
    const townDay = simulateDay({ day: DAY, seed: 5, layout: town, ticketsPerDay: town.ticketsPerDay, complaintsPerDay: 0.4 });
    const villageDay = simulateDay({ day: DAY, seed: 5, layout: village, ticketsPerDay: village.ticketsPerDay, complaintsPerDay: 0 });
    expect(issued(townDay)).toBeGreaterThan(150);
    expect(issued(townDay)).toBeLessThan(500);
    expect(issued(villageDay)).toBeGreaterThan(10);
    expect(issued(villageDay)).toBeLessThan(90);
    for (const [layout, events] of [
      [town, townDay],
      [village, villageDay],
    ] as const) {
      expect(events.filter((e) => !validateEvent(e).ok)).toEqual([]);
      expect(ticketProblems(events, { finished: true })).toEqual([]);
      expect(staffProblems(events, new Map(layout.staff.map((s) => [s.code, s.window])), { finished: true })).toEqual([]);
    }
    // Only the site's own windows and staff are named.
    const windows = new Set(village.windows.map((w) => w.code));
    expect(villageDay.every((e) => !('window' in e.data) || windows.has((e.data as { window: string }).window))).toBe(true);
  });

  it('has quiet days and busy days, site by site', () => {
    const factors = Array.from({ length: 60 }, (_, i) => dayFactor('huiji-t3-v2', `2024-06-${String((i % 28) + 1).padStart(2, '0')}`));
    expect(Math.min(...factors)).toBeLessThan(0.75);
    expect(Math.max(...factors)).toBeGreaterThan(1.3);
    expect(dayFactor('huiji-t3-v2', DAY)).not.toBe(dayFactor('huiji-t3-v3', DAY));
  });
});

describe('every station of the demo district through a live day', () => {
  it('runs without fault and names only its own registry', () => {
    const codes = ['huiji-t1', 'huiji-t8', ...Array.from({ length: 12 }, (_, i) => `huiji-t${(i % 8) + 1}-v${i + 1}`)];
    for (const code of codes) {
      const layout = tierLayout(code, code.includes('-v') ? 'village' : 'town');
      const events = simulateDay({
        day: DAY,
        seed: 9,
        mode: 'live',
        layout,
        ticketsPerDay: layout.ticketsPerDay,
        complaintsPerDay: 1,
        outings: false,
      });
      // A station keeps no outing register: its desks only take breaks.
      expect(events.filter((e) => e.type === 'staff.left_post').map((e) => (e.data as { reason: string }).reason)).not.toContain(
        'official_business',
      );
      const departments = new Set(layout.departments.map((d) => d.code));
      const named = events.flatMap((e) => Object.entries(e.data).filter(([k]) => k === 'department' || k === 'toDepartment'));
      expect(named.filter(([, v]) => !departments.has(v as string))).toEqual([]);
    }
  });
});
