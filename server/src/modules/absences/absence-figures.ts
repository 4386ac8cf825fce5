import {
  AbsenceFigureRow,
  AbsenceFiguresView,
  HallHours,
  hhmmMinutes,
  isLeaveKind,
  isOutingKind,
  type AbsenceKind,
} from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { addDays, localDay, zonedInstant } from '../../core/time/zoned-time';
import { CalendarExceptions, isWorkingDay } from '../../core/time/working-calendar';
import { readExceptions } from '../calendar/calendar-store';
import { coveringEntry, RegisterEntryFact } from '../indicators/absence-register';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { AbsenceEntry } from './absence-entry.entity';
import { coverUntil } from './absence-views';

// The register's monthly figures per department (docs/contracts/absences.md): outings and
// leave from the approved entries, unregistered absences from the windows' own events judged
// against those entries by the rules the wall's indicator uses.

/** What became of one departure from a window (`staff.left_post`). */
export type DepartureVerdict = 'registered' | 'in_order' | 'outing_unregistered' | 'walked_off' | 'overrun';

export interface Departure {
  id: string;
  staff: string;
  window: string | null;
  reason: string | null;
  leftAt: Date;
  /** The next event of the staff member that day (back, signed out or in, away again); null if none. */
  endedAt: Date | null;
  day: string;
}

export interface JudgedDeparture extends Departure {
  /** Where the absence is taken to have ended: its next event, else now (today) or the day's end. */
  until: Date;
  verdict: DepartureVerdict;
  /** The approved entry that covered it, if any. */
  entry: string | null;
}

/**
 * One departure judged as the indicator judges an absence while it lasts: covered by an approved
 * entry it is registered unless it outlasted the entry; a declared outing without one, or a
 * walk-off, is unregistered; a break is in order within the allowed break.
 */
export function judgeDeparture(
  d: Departure,
  until: Date,
  register: readonly RegisterEntryFact[],
  allowedBreakSec: number,
): JudgedDeparture {
  const cover = coveringEntry(register, { staff: d.staff, reason: d.reason, since: d.leftAt });
  const base = { ...d, until, entry: cover?.id ?? null };
  if (cover) return { ...base, verdict: until.getTime() > cover.until.getTime() ? 'overrun' : 'registered' };
  if (d.reason === 'unregistered') return { ...base, verdict: 'walked_off' };
  if (d.reason === 'official_business' || d.reason === 'meeting') return { ...base, verdict: 'outing_unregistered' };
  return { ...base, verdict: until.getTime() - d.leftAt.getTime() > allowedBreakSec * 1000 ? 'overrun' : 'in_order' };
}

interface StaffEventRow {
  id: string;
  staff: string;
  window: string | null;
  reason: string | null;
  type: string;
  occurred_at: Date;
  service_day: string;
}

const STAFF_TYPES = ['staff.left_post', 'staff.returned', 'staff.signed_in', 'staff.signed_out'];

/**
 * The departures of the service days [from, to], each with the staff member's next event that
 * day. Read by type, one index range each (site, day, type); the order of events is the
 * projection's: by time, ties by event id.
 */
export async function readDepartures(em: EntityManager, siteId: string, from: string, to: string): Promise<Departure[]> {
  const rows = await queryRows<StaffEventRow>(
    em,
    STAFF_TYPES.map(
      (_t, i) =>
        `SELECT id, data->>'staff' AS staff, data->>'window' AS "window", data->>'reason' AS reason, type, occurred_at, service_day::text AS service_day
           FROM events WHERE site_id = $1 AND service_day BETWEEN $2::date AND $3::date AND type = $${i + 4}`,
    ).join('\nUNION ALL\n'),
    [siteId, from, to, ...STAFF_TYPES],
  );
  const byStaffDay = new Map<string, StaffEventRow[]>();
  for (const r of rows) {
    if (!r.staff) continue;
    const key = `${r.service_day} ${r.staff}`;
    const list = byStaffDay.get(key);
    if (list) list.push(r);
    else byStaffDay.set(key, [r]);
  }
  const out: Departure[] = [];
  for (const list of byStaffDay.values()) {
    list.sort((a, b) => new Date(a.occurred_at).getTime() - new Date(b.occurred_at).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((r, i) => {
      if (r.type !== 'staff.left_post') return;
      const next = list[i + 1];
      out.push({
        id: r.id,
        staff: r.staff,
        window: r.window,
        reason: r.reason,
        leftAt: new Date(r.occurred_at),
        endedAt: next ? new Date(next.occurred_at) : null,
        day: r.service_day,
      });
    });
  }
  return out.sort((a, b) => a.leftAt.getTime() - b.leftAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * Working days of leave in [monthStart, monthEnd): each working day of the hall's calendar the
 * leave touches counts 1, or 0.5 when it covers no more than half of that day's opening hours.
 */
export function leaveDaysIn(
  leave: { from: Date; until: Date },
  month: string,
  timeZone: string,
  hours: HallHours,
  exceptions: CalendarExceptions,
): number {
  let days = 0;
  const open = hhmmMinutes(hours.opens);
  const close = hhmmMinutes(hours.closes);
  const first = `${month}-01`;
  for (let d = first; d.slice(0, 7) === month; d = addDays(d, 1)) {
    if (!isWorkingDay(d, exceptions)) continue;
    const start = zonedInstant(d, hours.opens, timeZone).getTime();
    const end = start + (close - open) * 60_000;
    const covered = Math.min(end, leave.until.getTime()) - Math.max(start, leave.from.getTime());
    if (covered <= 0) continue;
    days += covered * 2 <= end - start ? 0.5 : 1;
  }
  return days;
}

const NO_DEPARTMENT = { zh: '未登记部门', en: 'No department' };

export const emptyRow = (department: string | null, name: { zh: string; en: string }): AbsenceFigureRow => ({
  department,
  name,
  outings: 0,
  officialBusiness: 0,
  meetings: 0,
  leaves: 0,
  leaveDays: 0,
  lateFilings: 0,
  pending: 0,
  unregistered: 0,
  outingsUnregistered: 0,
  walkOffs: 0,
  overruns: 0,
});

/** A departure that counted as unregistered, with the department it counts against. */
export type UnregisteredAbsence = JudgedDeparture & { department: string | null };

export interface MonthFigures {
  view: AbsenceFiguresView;
  /** Every entry overlapping the month, whatever its state, by start. */
  entries: AbsenceEntry[];
  /** The month's departures that counted as unregistered. */
  unregistered: UnregisteredAbsence[];
  staffNames: Map<string, string>;
  departmentNames: Map<string, { zh: string; en: string }>;
}

/** The month's figures of a site, on the hall's calendar; `now` bounds absences still running. */
export async function monthFigures(em: EntityManager, site: Site, month: string, now: Date): Promise<MonthFigures> {
  const tz = site.timezone;
  const settings = indicatorSettings(site.settings);
  const firstDay = `${month}-01`;
  const nextMonthFirst = addDays(`${month}-28`, 7).slice(0, 7) + '-01';
  const lastDay = addDays(nextMonthFirst, -1);
  const start = zonedInstant(firstDay, '00:00', tz);
  const end = zonedInstant(nextMonthFirst, '00:00', tz);
  const earlyMs = 24 * 3600_000;

  const departments = await queryRows<{ code: string; name: string; name_en: string | null }>(
    em,
    `SELECT code, name, name_en FROM departments WHERE site_id = $1 ORDER BY code`,
    [site.id],
  );
  const staff = await queryRows<{ code: string; name: string; department_code: string | null }>(
    em,
    `SELECT code, name, department_code FROM staff WHERE site_id = $1`,
    [site.id],
  );
  const windows = await queryRows<{ code: string; department_code: string | null }>(
    em,
    `SELECT code, department_code FROM windows WHERE site_id = $1`,
    [site.id],
  );
  // Entries that may cover a departure of the month, or count in it: a day's margin either side.
  const entries = await em
    .getRepository(AbsenceEntry)
    .createQueryBuilder('e')
    .where('e.siteId = :site', { site: site.id })
    .andWhere('e.startsAt < :to AND e.endsAt > :from', { from: new Date(start.getTime() - earlyMs), to: new Date(end.getTime() + earlyMs) })
    .orderBy('e.startsAt', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .getMany();
  const exceptions = await readExceptions(em, site.id, firstDay, lastDay);
  const departures = await readDepartures(em, site.id, firstDay, lastDay);

  const departmentNames = new Map(departments.map((d) => [d.code, { zh: d.name, en: d.name_en ?? d.name }]));
  const staffInfo = new Map(staff.map((s) => [s.code, s]));
  const windowDept = new Map(windows.map((w) => [w.code, w.department_code]));
  const rows = new Map<string | null, AbsenceFigureRow>();
  for (const d of departments) rows.set(d.code, emptyRow(d.code, departmentNames.get(d.code)!));
  const rowOf = (code: string | null): AbsenceFigureRow => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = emptyRow(code, code === null ? NO_DEPARTMENT : { zh: code, en: code })));
    return r;
  };

  const inMonth = (at: Date) => at >= start && at < end;
  const approved = entries.filter((e) => e.state === 'approved');
  for (const e of entries) {
    const row = rowOf(e.department);
    if (e.state === 'pending' && inMonth(e.startsAt)) row.pending++;
    if (e.state !== 'approved') continue;
    if (inMonth(e.startsAt)) {
      if (isOutingKind(e.kind)) {
        row.outings++;
        if (e.kind === 'official_business') row.officialBusiness++;
        else row.meetings++;
      } else row.leaves++;
      if (e.filedAt > e.startsAt) row.lateFilings++;
    }
    if (isLeaveKind(e.kind))
      row.leaveDays += leaveDaysIn({ from: e.startsAt, until: coverUntil(e) }, month, tz, settings.hours, exceptions);
  }

  const register: RegisterEntryFact[] = approved.map((e) => ({
    id: e.id,
    staff: e.staff,
    kind: e.kind as AbsenceKind,
    from: e.startsAt,
    until: coverUntil(e),
  }));
  const today = localDay(now, tz);
  const unregistered: UnregisteredAbsence[] = [];
  for (const d of departures) {
    // An absence still running is judged up to now; one never closed on an earlier day, to that day's end.
    const until = d.endedAt ?? (d.day >= today ? now : zonedInstant(addDays(d.day, 1), '00:00', tz));
    const judged = judgeDeparture(d, until, register, settings.allowedBreakSec);
    if (judged.verdict === 'registered' || judged.verdict === 'in_order') continue;
    const dept = staffInfo.get(d.staff)?.department_code ?? (d.window ? windowDept.get(d.window) : null) ?? null;
    unregistered.push({ ...judged, department: dept });
    const row = rowOf(dept);
    row.unregistered++;
    if (judged.verdict === 'outing_unregistered') row.outingsUnregistered++;
    else if (judged.verdict === 'walked_off') row.walkOffs++;
    else row.overruns++;
  }

  const departmentsOut = [...rows.values()].sort(
    (a, b) => (a.department === null ? 1 : 0) - (b.department === null ? 1 : 0) || (a.department ?? '').localeCompare(b.department ?? ''),
  );
  const total: AbsenceFigureRow = { ...emptyRow(null, { zh: '合计', en: 'Total' }), total: true };
  for (const r of departmentsOut)
    for (const k of Object.keys(r) as Array<keyof AbsenceFigureRow>) {
      const v = r[k];
      if (typeof v === 'number') (total as unknown as Record<string, number>)[k] += v;
    }
  return {
    view: {
      site: site.code,
      siteName: site.name,
      month,
      timeZone: tz,
      asOf: now.toISOString(),
      allowedBreakSec: settings.allowedBreakSec,
      departments: departmentsOut,
      total,
    },
    entries: entries.filter((e) => e.startsAt < end && e.endsAt > start),
    unregistered,
    staffNames: new Map(staff.map((s) => [s.code, s.name])),
    departmentNames,
  };
}
