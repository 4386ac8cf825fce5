import { HallEvent, LEAVE_KINDS, validateEvent } from '@hallwatch/shared';
import { DEMO_DEPARTMENTS } from '../demo-hall';
import { HallSimulation, RegisterAction, simulateDay } from '../hall-simulation';
import { DEMO_HOURS, demoStaff } from '../seed-demo';
import { staffProblems, ticketProblems } from './hall-checks';

const DAY = '2024-06-03';
const SEED = 11;

type Data = Record<string, string | number | boolean | undefined>;
const dataOf = (e: HallEvent) => e.data as unknown as Data;
const ofType = (events: HallEvent[], type: string) => events.filter((e) => e.type === type);
const clock = (e: HallEvent) => e.occurredAt.slice(11, 16);
const roster = new Map(demoStaff().map((s) => [s.code, s.window]));
const fingerprint = (events: HallEvent[]) => JSON.stringify(events);

/** Events the server would reject, or would store other than sent. */
function invalid(events: HallEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const v = validateEvent(e);
    if (!v.ok) out.push(`${e.id} ${e.type}: ${v.field} ${v.reason}`);
    else if (JSON.stringify(v.event) !== JSON.stringify(e)) out.push(`${e.id} ${e.type}: fields were dropped`);
  }
  return out;
}

describe('HallSimulation: a normal day', () => {
  let day: HallEvent[];
  let register: RegisterAction[];

  beforeAll(() => {
    day = simulateDay({ day: DAY, seed: SEED });
    const sim = new HallSimulation({ day: DAY, seed: SEED });
    sim.advanceTo(new Date(sim.endMs));
    register = sim.drainRegister();
  });

  it('produces only events the ingest contract accepts, with stable unique ids', () => {
    expect(invalid(day)).toEqual([]);
    expect(new Set(day.map((e) => e.id)).size).toBe(day.length);
    expect(day.every((e) => /^2024-06-03-\d{6}$/.test(e.id) && /^2024-06-03T\d{2}:\d{2}:\d{2}\+08:00$/.test(e.occurredAt))).toBe(true);
    const times = day.map((e) => Date.parse(e.occurredAt));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(fingerprint(simulateDay({ day: DAY, seed: SEED }))).toBe(fingerprint(day));
    expect(simulateDay({ day: DAY, seed: SEED + 1 }).slice(0, 200)).not.toEqual(day.slice(0, 200));
  });

  it('gives the same events when advanced slice by slice as in one call', () => {
    const sim = new HallSimulation({ day: DAY, seed: SEED });
    expect(sim.advanceTo(new Date('2024-06-02T23:00:00+08:00'))).toEqual([]);
    const sliced: HallEvent[] = [];
    let t = sim.startMs;
    for (let step = 1; t < sim.endMs; step = (step * 7 + 13) % 997) {
      t = Math.min(sim.endMs, t + step * 1000);
      const slice = sim.advanceTo(new Date(t));
      expect(slice.every((e) => Date.parse(e.occurredAt) <= t)).toBe(true);
      sliced.push(...slice);
    }
    expect(sliced.length).toBe(day.length);
    expect(fingerprint(sliced)).toBe(fingerprint(day));
    expect(sim.nextAt()).toBeNull();
  });

  it('issues tickets for all 41 departments, with codes unique for the day', () => {
    const issued = ofType(day, 'ticket.issued');
    expect(new Set(issued.map((e) => dataOf(e).department))).toEqual(new Set(DEMO_DEPARTMENTS.map((d) => d.code)));
    const codes = issued.map((e) => dataOf(e).ticket as string);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]{1,2}\d{3,}$/.test(c))).toBe(true);
    const channels = new Set(issued.map((e) => dataOf(e).channel));
    expect(channels).toEqual(new Set(['walk_in', 'appointment', 'green_channel']));
    expect(issued.some((e) => dataOf(e).serviceItem) && issued.some((e) => !dataOf(e).serviceItem)).toBe(true);
  });

  it('has a morning and an afternoon peak around a lunch lull', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const e of ofType(day, 'ticket.issued')) perHour[Number(e.occurredAt.slice(11, 13))]++;
    const lunch = Math.min(perHour[12], perHour[13]);
    expect(Math.max(perHour[9], perHour[10])).toBeGreaterThan(2.5 * lunch);
    expect(Math.max(perHour[14], perHour[15], perHour[16])).toBeGreaterThan(2.5 * lunch);
    expect(perHour.slice(0, 8).every((n) => n === 0) && perHour.slice(17).every((n) => n === 0)).toBe(true);
  });

  it('surges at the housing fund (gjj) in the late morning', () => {
    const share = (from: string, to: string) => {
      const inRange = ofType(day, 'ticket.issued').filter((e) => clock(e) >= from && clock(e) < to);
      return inRange.filter((e) => dataOf(e).department === 'gjj').length / inRange.length;
    };
    expect(share('10:15', '11:15')).toBeGreaterThan(1.4 * share('14:00', '17:00'));
  });

  it('keeps every ticket and staff member on a coherent path, and ends the day with everyone served and signed out', () => {
    expect(ticketProblems(day, { finished: true })).toEqual([]);
    expect(staffProblems(day, roster, { finished: true })).toEqual([]);
    expect(ofType(day, 'ticket.no_show').length).toBeGreaterThan(0);
    expect(ofType(day, 'ticket.transferred').length).toBeGreaterThan(0);
    const recalled = new Map<string, number>();
    for (const e of ofType(day, 'ticket.called'))
      recalled.set(dataOf(e).ticket as string, (recalled.get(dataOf(e).ticket as string) ?? 0) + 1);
    expect([...recalled.values()].some((n) => n > 1)).toBe(true);
    const outcomes = new Set(ofType(day, 'ticket.completed').map((e) => dataOf(e).outcome));
    expect(outcomes).toEqual(new Set(['done', 'rejected', 'need_materials']));
  });

  it('signs in only the staff who have a window and are not on leave, at opening, and they sign out after closing', () => {
    const signIns = ofType(day, 'staff.signed_in');
    const onLeave = new Set(
      register
        .filter((a) => a.act === 'file' && (LEAVE_KINDS as readonly string[]).includes(a.filing.kind))
        .map((a) => (a.act === 'file' ? a.filing.staff : '')),
    );
    expect(onLeave.size).toBeGreaterThan(0);
    const withWindow = demoStaff().filter((s) => s.window !== null && !onLeave.has(s.code));
    const first = new Map<string, string>();
    for (const e of signIns) if (!first.has(dataOf(e).staff as string)) first.set(dataOf(e).staff as string, clock(e));
    expect(new Set(first.keys())).toEqual(new Set(withWindow.map((s) => s.code)));
    expect([...first.values()].filter((t) => t <= '08:30').length).toBeGreaterThan(0.9 * withWindow.length);
    const lastOut = new Map<string, string>();
    for (const e of ofType(day, 'staff.signed_out')) lastOut.set(dataOf(e).staff as string, clock(e));
    expect([...lastOut.values()].every((t) => t >= '17:30')).toBe(true);
  });

  it('files most outings in the register, before leaving or afterwards, leaves a few unfiled, and has another decide each', () => {
    const outings = ofType(day, 'staff.left_post').filter((e) => ['official_business', 'meeting'].includes(dataOf(e).reason as string));
    const filings = register.filter((a) => a.act === 'file');
    const decisions = register.filter((a) => a.act === 'decide');
    expect(new Set(decisions.map((a) => a.key))).toEqual(new Set(filings.map((a) => a.key)));
    const covered = outings.filter((e) =>
      filings.some(
        (a) =>
          a.act === 'file' &&
          a.filing.staff === dataOf(e).staff &&
          a.filing.kind === dataOf(e).reason &&
          a.filing.from <= e.occurredAt &&
          a.filing.to >= e.occurredAt,
      ),
    );
    expect(covered.length).toBeGreaterThan(0.6 * outings.length);
    expect(covered.length).toBeLessThan(outings.length);
    // Filed after the departure (补报): the filing comes later than the time it covers from.
    expect(filings.some((a) => a.act === 'file' && a.at > a.filing.from)).toBe(true);
    for (const a of register) expect(a.at.slice(0, 10)).toBe(DAY);
  });

  it('has breaks with registered reasons and a few unregistered absences', () => {
    const reasons = ofType(day, 'staff.left_post').map((e) => dataOf(e).reason);
    expect(new Set(reasons)).toEqual(new Set(['break', 'official_business', 'meeting', 'unregistered']));
    const unregistered = reasons.filter((r) => r === 'unregistered').length;
    expect(unregistered).toBeGreaterThanOrEqual(1);
    expect(unregistered).toBeLessThan(0.1 * reasons.length);
  });

  it('collects a review for about 99.5% of completed services, mostly 5 and 4, a few bad ones with comments', () => {
    const completed = ofType(day, 'ticket.completed').length;
    const reviews = ofType(day, 'review.submitted').map(dataOf);
    const rate = reviews.length / completed;
    expect(rate).toBeGreaterThan(0.985);
    expect(rate).toBeLessThan(1);
    const good = reviews.filter((r) => (r.rating as number) >= 4).length;
    expect(good / reviews.length).toBeGreaterThan(0.95);
    const bad = reviews.filter((r) => (r.rating as number) <= 2);
    expect(bad.length).toBeGreaterThanOrEqual(1);
    expect(bad.length).toBeLessThan(0.01 * reviews.length);
    expect(bad.every((r) => typeof r.comment === 'string' && r.comment.length > 0)).toBe(true);
    const realName = reviews.filter((r) => r.realName === true);
    expect(realName.length).toBeGreaterThan(0);
    expect(realName.every((r) => /^1[3-9]\d{9}$/.test(r.phone as string))).toBe(true);
    expect(new Set(reviews.map((r) => r.channel)).has('pad')).toBe(true);
  });

  it('receives the odd complaint', () => {
    const complaints = ofType(day, 'complaint.received').map(dataOf);
    expect(complaints.length).toBeGreaterThanOrEqual(1);
    expect(complaints.length).toBeLessThan(20);
    expect(complaints.every((c) => typeof c.summary === 'string')).toBe(true);
    // The 12345 hotline's come as work orders with the platform's limits; the others have none.
    const hotline = complaints.filter((c) => c.source === 'hotline_12345');
    expect(hotline.length).toBeGreaterThan(0);
    expect(hotline.every((c) => /^202406030\d{4}$/.test(c.workOrder as string) && c.signBy! < c.closeBy!)).toBe(true);
    expect(complaints.filter((c) => c.source !== 'hotline_12345').every((c) => c.workOrder === undefined)).toBe(true);
  });
});

describe('HallSimulation: live mode', () => {
  let day: HallEvent[];
  beforeAll(() => {
    day = simulateDay({ day: DAY, seed: SEED, mode: 'live' });
  });

  it('keeps the hall open around the clock, so a demo at any hour has activity', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const e of ofType(day, 'ticket.issued')) perHour[Number(e.occurredAt.slice(11, 13))]++;
    expect(perHour.every((n) => n >= 20)).toBe(true);
    expect(day.every((e) => e.occurredAt.startsWith(DAY) && /^2024-06-03-L\d{6}$/.test(e.id))).toBe(true);
  });

  it('stays valid and coherent, and closes before the service day turns', () => {
    expect(invalid(day)).toEqual([]);
    expect(ticketProblems(day, { finished: true })).toEqual([]);
    expect(staffProblems(day, roster, { finished: true })).toEqual([]);
  });

  it('lies within the demo hall opening hours, every day of the week, so the wall never calls it closed', () => {
    expect(DEMO_HOURS.weekdays).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const active = day.filter((e) => e.type === 'ticket.issued' || e.type === 'staff.signed_in').map(clock);
    expect(active.every((hm) => hm >= DEMO_HOURS.opens && hm < DEMO_HOURS.closes)).toBe(true);
    expect(active.some((hm) => hm < '00:10') && active.some((hm) => hm >= '23:30')).toBe(true);
  });

  it('has different ids from the office-day replay of the same date', () => {
    const normal = new Set(simulateDay({ day: DAY, seed: SEED }).map((e) => e.id));
    expect(day.some((e) => normal.has(e.id))).toBe(false);
  });
});
