import { TICKET_CHANNELS } from '@hallwatch/shared';
import { DEMO_DEPARTMENTS, DemoDepartment, DemoWindow, demoWindows } from './demo-hall';
import { NORMAL_DAY_SHAPE_SEC } from './hall-day-profile';
import { DemoStaff, demoStaff } from './seed-demo';
import { SeededRandom } from './seeded-random';

// The static layout the simulation plays on: departments with their queues, and the
// staffed windows (desks) of the seeded demo hall.

export type LeaveReason = 'break' | 'official_business' | 'meeting' | 'unregistered';

export type Pending = { kind: 'leave'; reason: LeaveReason; durationSec: number } | { kind: 'signOut'; why: 'lunch' | 'close' };

export interface Desk {
  window: string;
  dept: string;
  /** The 绿色通道 window serves priority citizens of every department. */
  green: boolean;
  staff: string;
  state: 'off' | 'idle' | 'busy' | 'away';
  pending: Pending | null;
  /** Signs out for lunch (every second desk of a department, and every single-window one). */
  lunchRota: boolean;
  lunching: boolean;
  /** An outing of the pending leave was filed in the register before the desk left. */
  filed: boolean;
  /** On approved leave all day: the desk stays closed. */
  onLeave: boolean;
}

export interface Ticket {
  code: string;
  dept: string;
  channel: (typeof TICKET_CHANNELS)[number];
  /** Start of the current wait: the issue, or the last transfer. */
  waitFromSec: number;
  calledSec: number;
}

export interface Department {
  info: DemoDepartment;
  /** Letter prefix of its tickets: A…Z, then AA, AB … for the 15 beyond 26. */
  prefix: string;
  issued: number;
  /** Tickets per second when the day's shape is 1. */
  base: number;
  desks: Desk[];
  /** Appointments and transferred tickets are called before walk-ins. */
  priority: Ticket[];
  normal: Ticket[];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const prefixOf = (i: number) => (i < 26 ? LETTERS[i] : LETTERS[Math.floor(i / 26) - 1] + LETTERS[i % 26]);

// The seeded windows and service times cap what the hall can serve: about 4,300 services
// in a full day at 100% occupancy. Demand follows each department's weight but is capped
// at a share of its own capacity, so that peaks build visible queues that drain again
// instead of queues that grow all day.
const WORK_MIN = 420;
const CALL_OVERHEAD_MIN = 1.5;
// A lone window (closed at lunch, unattended on breaks) queues far worse than a bank of them.
const maxLoad = (desks: number) => (desks === 1 ? 0.5 : desks === 2 ? 0.62 : 0.78);

/** What a site's floor is made of: the district hall's by default, a town centre's or village's (tier-layout.ts). */
export interface FloorLayout {
  departments: DemoDepartment[];
  windows: DemoWindow[];
  staff: DemoStaff[];
}

export function buildFloor(ticketsPerDay: number, layout?: FloorLayout): { departments: Department[]; desks: Desk[] } {
  const floor = layout ?? { departments: DEMO_DEPARTMENTS, windows: demoWindows(), staff: demoStaff() };
  const kinds = new Map(floor.windows.map((w) => [w.code, w.kind]));
  const desks: Desk[] = floor.staff
    .filter((s): s is typeof s & { window: string } => s.window !== null)
    .map((s) => ({
      window: s.window,
      dept: s.department,
      green: kinds.get(s.window) === 'green_channel',
      staff: s.code,
      state: 'off',
      pending: null,
      lunchRota: false,
      lunching: false,
      filed: false,
      onLeave: false,
    }));
  const totalWeight = floor.departments.reduce((s, d) => s + d.weight, 0);
  const departments = floor.departments.map((info, i): Department => {
    const own = desks.filter((d) => d.dept === info.code);
    own.forEach((d, k) => (d.lunchRota = own.length === 1 || k % 2 === 1));
    const capacity = (own.length * WORK_MIN) / (info.serviceMin + CALL_OVERHEAD_MIN);
    const demand = Math.min((ticketsPerDay * info.weight) / totalWeight, maxLoad(own.length) * capacity);
    return { info, prefix: prefixOf(i), issued: 0, base: demand / NORMAL_DAY_SHAPE_SEC, desks: own, priority: [], normal: [] };
  });
  return { departments, desks };
}

// Most absences are short registered breaks; now and then someone just walks off (item 22).
const LEAVES: ReadonlyArray<{ reason: LeaveReason; weight: number; minMin: number; maxMin: number }> = [
  { reason: 'break', weight: 0.74, minMin: 5, maxMin: 15 },
  { reason: 'official_business', weight: 0.14, minMin: 20, maxMin: 50 },
  { reason: 'meeting', weight: 0.095, minMin: 30, maxMin: 70 },
  { reason: 'unregistered', weight: 0.025, minMin: 8, maxMin: 25 },
];

export function drawLeave(rng: SeededRandom): Extract<Pending, { kind: 'leave' }> {
  const leave = LEAVES[rng.weighted(LEAVES.map((l) => l.weight))];
  return { kind: 'leave', reason: leave.reason, durationSec: rng.int(leave.minMin * 60, leave.maxMin * 60) };
}
