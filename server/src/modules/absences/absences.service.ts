import {
  ABSENCE_AHEAD_DAYS,
  ABSENCE_BACKDATE_DAYS,
  ABSENCE_KIND_LABELS,
  type AbsenceEntryView,
  type AbsenceListView,
  isLeaveKind,
  LEAVE_MAX_DAYS,
  OUTING_MAX_HOURS,
  type RollCallEntry,
  type RollCallView,
} from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { outsideDepartment, refusedAfterReading } from '../../core/auth/refusal';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import { addDays, localDay, zonedInstant } from '../../core/time/zoned-time';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { DomainEvents } from '../domain-events/domain-events';
import { coveringEntry, leaveAt, RegisterEntryFact } from '../indicators/absence-register';
import { awayBreach, ROSTER_LOOKBACK_DAYS } from '../indicators/window-indicators';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { ABSENCE_REGISTER_SOURCE } from './absence-register-source';
import { AbsenceEntry } from './absence-entry.entity';
import { OverlapRow } from './absence-rows';
import { DepartmentNames, entryView } from './absence-views';
import { AbsenceListQuery, CancelAbsenceDto, DecideAbsenceDto, FileAbsenceDto, ReturnAbsenceDto } from './dtos/absence.dto';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Refusals judged after reading the record are audited like the guard's (core/auth/refusal).
const forbidden = (field: string, message: string) => refusedAfterReading(message, field);

const conflict = (field: string, message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', field, message });

/** "11-06 09:30" on the hall's clock, for messages a person reads. */
function hallTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');
}

// The outing and leave register (外出报备 / 请销假, docs/contracts/absences.md). Filing and deciding
// are two people's acts, like an appeal's: whoever filed an entry cannot approve it. Every change
// is audited with the entry, and a change to what is approved tells the walls at once, since it
// settles (or unsettles) absences from the windows.
@Injectable()
export class AbsencesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Optional() private readonly events?: DomainEventBus<DomainEvents>,
  ) {}

  async list(site: Site, q: AbsenceListQuery, own?: string): Promise<AbsenceListView> {
    if (own && q.department && q.department !== own)
      throw forbidden('department', `A department account reads its own department's register (${own}), not ${q.department}'s`);
    const department = own ?? q.department;
    const day = q.day ?? (q.state ? null : localDay(this.clock.now(), site.timezone));
    const qb = this.ds.getRepository(AbsenceEntry).createQueryBuilder('e').where('e.siteId = :site', { site: site.id });
    if (day) {
      const from = zonedInstant(day, '00:00', site.timezone);
      const to = zonedInstant(addDays(day, 1), '00:00', site.timezone);
      qb.andWhere('e.startsAt < :to AND e.endsAt > :from', { from, to });
    }
    if (department) qb.andWhere('e.department = :dept', { dept: department });
    if (q.state) qb.andWhere('e.state = :state', { state: q.state });
    const rows = await qb.orderBy('e.startsAt', 'ASC').addOrderBy('e.filedAt', 'ASC').take(1000).getMany();
    return {
      site: site.code,
      day,
      timeZone: site.timezone,
      asOf: this.clock.now().toISOString(),
      entries: await this.views(this.ds.manager, site, rows),
    };
  }

  async get(site: Site, id: string, own?: string): Promise<AbsenceEntryView> {
    const row = await this.find(this.ds.manager, site, id, own);
    return (await this.views(this.ds.manager, site, [row]))[0];
  }

  /** `own`: a department account files for its own department's staff only. */
  async file(site: Site, who: Actor, input: FileAbsenceDto, own?: string): Promise<AbsenceEntryView> {
    const id = await this.ds.transaction(async (em) => {
      const [staff] = await queryRows<{ code: string; department_code: string | null }>(
        em,
        `SELECT code, department_code FROM staff WHERE site_id = $1 AND code = $2`,
        [site.id, input.staff],
      );
      if (!staff) throw badField('staff', `staff must be a staff member of site ${site.code}; there is no "${input.staff}"`);
      if (own && staff.department_code !== own)
        throw forbidden(
          'staff',
          `${staff.code} is not of your department (${own}); only their own department or a supervisor files for them`,
        );
      const from = new Date(input.from);
      const to = new Date(input.to);
      if (Number.isNaN(from.getTime())) throw badField('from', `from is not a real time: "${input.from}"`);
      if (Number.isNaN(to.getTime())) throw badField('to', `to is not a real time: "${input.to}"`);
      if (to <= from) throw badField('to', 'to must be after from');
      const leave = isLeaveKind(input.kind);
      if (!leave && to.getTime() - from.getTime() > OUTING_MAX_HOURS * HOUR)
        throw badField('to', `an outing lasts at most ${OUTING_MAX_HOURS} hours; file a longer absence as leave`);
      if (leave && to.getTime() - from.getTime() > LEAVE_MAX_DAYS * DAY) throw badField('to', `leave lasts at most ${LEAVE_MAX_DAYS} days`);
      const now = this.clock.now();
      if (from.getTime() < now.getTime() - ABSENCE_BACKDATE_DAYS * DAY)
        throw badField('from', `from may be at most ${ABSENCE_BACKDATE_DAYS} days in the past (补报)`);
      if (from.getTime() > now.getTime() + ABSENCE_AHEAD_DAYS * DAY)
        throw badField('from', `from may be at most ${ABSENCE_AHEAD_DAYS} days ahead`);
      // One staff member's filings one at a time, so two overlapping entries cannot both pass the check.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('absence:' || $1::text || ':' || $2::text))`, [site.id, staff.code]);
      const [overlap] = await queryRows<OverlapRow>(
        em,
        `SELECT id, kind, starts_at, ends_at, state FROM absence_entries
          WHERE site_id = $1 AND staff = $2 AND state IN ('pending', 'approved')
            AND starts_at < $4 AND LEAST(ends_at, COALESCE(returned_at, ends_at)) > $3
          ORDER BY starts_at LIMIT 1`,
        [site.id, staff.code, from, to],
      );
      if (overlap) {
        const span = `${hallTime(new Date(overlap.starts_at), site.timezone)}–${hallTime(new Date(overlap.ends_at), site.timezone)}`;
        throw conflict(
          'from',
          `${staff.code} already has an entry (${ABSENCE_KIND_LABELS[overlap.kind].en.toLowerCase()}, ${overlap.state}) ${span} that overlaps this one (${overlap.id})`,
        );
      }
      const row = await em.save(
        em.create(AbsenceEntry, {
          siteId: site.id,
          staff: staff.code,
          department: staff.department_code,
          kind: input.kind,
          startsAt: from,
          endsAt: to,
          reason: input.reason.trim(),
          state: 'pending',
          filedBy: who.actor,
          filedAt: now,
        }),
      );
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'absence.file',
        site: site.code,
        target: `absence:${row.id}`,
        details: { staff: staff.code, kind: input.kind, from: from.toISOString(), to: to.toISOString(), late: now > from },
      });
      return row.id;
    });
    return this.get(site, id, own);
  }

  async decide(site: Site, id: string, who: Actor, input: DecideAbsenceDto): Promise<AbsenceEntryView> {
    const note = input.note?.trim() || null;
    if (input.decision === 'rejected' && !note) throw badField('note', 'note must give the grounds of a rejection');
    await this.ds.transaction(async (em) => {
      const e = await this.find(em, site, id, undefined, true);
      if (e.state !== 'pending') throw conflict('decision', `The entry was already ${e.state}`);
      if (e.filedBy === who.actor) throw forbidden('decision', `${who.actor} filed this entry; another supervisor or admin must decide it`);
      const now = this.clock.now();
      await em.update(AbsenceEntry, { id: e.id }, { state: input.decision, decidedBy: who.actor, decidedAt: now, decisionNote: note });
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'absence.decide',
        site: site.code,
        target: `absence:${e.id}`,
        details: { staff: e.staff, kind: e.kind, from: 'pending', to: input.decision, note },
      });
    });
    if (input.decision === 'approved') this.registerChanged(site);
    return this.get(site, id);
  }

  /** Withdraws a pending entry, or an approved one that has not begun; one under way ends by 销假 instead. */
  async cancel(site: Site, id: string, who: Actor, input: CancelAbsenceDto, own?: string): Promise<AbsenceEntryView> {
    let wasApproved = false;
    await this.ds.transaction(async (em) => {
      const e = await this.find(em, site, id, own, true);
      const now = this.clock.now();
      if (e.state !== 'pending' && e.state !== 'approved') throw conflict('state', `The entry was already ${e.state}`);
      if (e.state === 'approved' && e.startsAt <= now)
        throw conflict('state', 'The approved absence has begun: record the return (销假) instead of cancelling it');
      wasApproved = e.state === 'approved';
      const note = input.note?.trim() || null;
      await em.update(AbsenceEntry, { id: e.id }, { state: 'cancelled', cancelledBy: who.actor, cancelledAt: now, cancelNote: note });
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'absence.cancel',
        site: site.code,
        target: `absence:${e.id}`,
        details: { staff: e.staff, kind: e.kind, from: e.state, to: 'cancelled', note },
      });
    });
    if (wasApproved) this.registerChanged(site);
    return this.get(site, id, own);
  }

  /** 销假: the staff member is back; the entry's cover ends at `at` (now unless given). */
  async returned(site: Site, id: string, who: Actor, input: ReturnAbsenceDto, own?: string): Promise<AbsenceEntryView> {
    await this.ds.transaction(async (em) => {
      const e = await this.find(em, site, id, own, true);
      const now = this.clock.now();
      if (e.state !== 'approved') throw conflict('state', `Only an approved entry is ended by a return; this one is ${e.state}`);
      if (e.returnedAt) throw conflict('at', `The return was already recorded (${e.returnedAt.toISOString()})`);
      const at = input.at ? new Date(input.at) : now;
      if (Number.isNaN(at.getTime())) throw badField('at', `at is not a real time: "${input.at}"`);
      if (at > now) throw badField('at', 'at must not be in the future');
      if (at < e.startsAt) throw badField('at', 'at must not be before the entry begins');
      if (at > e.endsAt) throw badField('at', 'at must not be after the entry ends; it ended by itself');
      await em.update(AbsenceEntry, { id: e.id }, { returnedAt: at, returnedBy: who.actor });
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'absence.return',
        site: site.code,
        target: `absence:${e.id}`,
        details: { staff: e.staff, kind: e.kind, returnedAt: at.toISOString(), to: e.endsAt.toISOString() },
      });
    });
    this.registerChanged(site);
    return this.get(site, id, own);
  }

  /**
   * Today's roster, each member on post, away on an approved outing or leave (explained), on a
   * break, or away unregistered, by the rules of the wall's indicators; signed out or not seen
   * today otherwise, unless approved leave explains it (请假, not missing).
   */
  async rollCall(site: Site, own?: string): Promise<RollCallView> {
    const now = this.clock.now();
    const day = localDay(now, site.timezone);
    const settings = indicatorSettings(site.settings);
    const rows = await queryRows<{
      code: string;
      name: string;
      department_code: string | null;
      window: string | null;
      state: string | null;
      reason: string | null;
      since: Date | null;
    }>(
      this.ds,
      `SELECT s.code, s.name, s.department_code, p."window", p.state, p.reason, p.since
         FROM staff s LEFT JOIN staff_presence p ON p.site_id = s.site_id AND p.staff = s.code
        WHERE s.site_id = $1 AND s.on_roster AND ($2::text IS NULL OR s.department_code = $2)
        ORDER BY s.department_code NULLS LAST, s.code`,
      [site.id, own ?? null],
    );
    const register = await ABSENCE_REGISTER_SOURCE.entries(this.ds.manager, site, now, ROSTER_LOOKBACK_DAYS);
    const departments = await this.departmentNames(this.ds.manager, site);
    const entryOf = (e: RegisterEntryFact | null): RollCallEntry['entry'] =>
      e ? { id: e.id, kind: e.kind, from: e.from.toISOString(), to: e.until.toISOString() } : null;
    const inForce = (staff: string) =>
      leaveAt(register, staff, now) ?? register.find((e) => e.staff === staff && e.from <= now && e.until >= now) ?? null;
    const staff: RollCallEntry[] = rows.map((r) => {
      const since = r.since ? new Date(r.since) : null;
      const today = since !== null && localDay(since, site.timezone) === day;
      const base = {
        staff: r.code,
        name: r.name,
        department: r.department_code,
        departmentName: (r.department_code && departments.get(r.department_code)) || null,
        window: today ? r.window : null,
      };
      if (today && r.state === 'on_post') return { ...base, state: 'on_post', reason: null, since: since.toISOString(), entry: null };
      if (today && r.state === 'away') {
        const cover = coveringEntry(register, { staff: r.code, reason: r.reason, since });
        const breach = awayBreach(
          { state: 'away', reason: r.reason, since, cover: cover ? { id: cover.id, kind: cover.kind, until: cover.until } : null },
          now,
          settings.allowedBreakSec,
        );
        const state = breach ? 'away_unregistered' : cover ? (isLeaveKind(cover.kind) ? 'on_leave' : 'outing') : 'away';
        return { ...base, state, reason: r.reason, since: since.toISOString(), entry: entryOf(cover) };
      }
      const held = inForce(r.code);
      if (held) return { ...base, state: isLeaveKind(held.kind) ? 'on_leave' : 'outing', reason: null, since: null, entry: entryOf(held) };
      return {
        ...base,
        state: today && r.state === 'signed_out' ? 'signed_out' : 'not_seen',
        reason: null,
        since: today ? since.toISOString() : null,
        entry: null,
      };
    });
    return { site: site.code, day, asOf: now.toISOString(), staff };
  }

  /** An entry of the site; of `own` department only, when a department account asks (another's is not found). */
  private async find(em: EntityManager, site: Site, id: string, own?: string, lock = false): Promise<AbsenceEntry> {
    if (!UUID.test(id)) throw new NotFoundException(`No register entry "${id}" at site ${site.code}`);
    const qb = em.getRepository(AbsenceEntry).createQueryBuilder('e').where('e.siteId = :site AND e.id = :id', { site: site.id, id });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw new NotFoundException(`No register entry "${id}" at site ${site.code}`);
    // Another department's entry is answered as one that does not exist, and the attempt audited.
    if (own && row.department !== own)
      throw outsideDepartment(
        `No register entry "${id}" at site ${site.code}`,
        `register entry ${id} is ${row.department ?? 'of no department'}'s, not ${own}'s`,
      );
    return row;
  }

  private async views(em: EntityManager, site: Site, rows: AbsenceEntry[]): Promise<AbsenceEntryView[]> {
    const codes = [...new Set(rows.map((r) => r.staff))];
    const names = new Map(
      (
        await queryRows<{ code: string; name: string }>(em, `SELECT code, name FROM staff WHERE site_id = $1 AND code = ANY($2)`, [
          site.id,
          codes,
        ])
      ).map((s) => [s.code, s.name]),
    );
    const departments = await this.departmentNames(em, site);
    return rows.map((r) => entryView(r, site.code, names.get(r.staff) ?? null, departments));
  }

  private async departmentNames(em: EntityManager, site: Site): Promise<DepartmentNames> {
    const rows = await queryRows<{ code: string; name: string; name_en: string | null }>(
      em,
      `SELECT code, name, name_en FROM departments WHERE site_id = $1`,
      [site.id],
    );
    return new Map(rows.map((d) => [d.code, { zh: d.name, en: d.name_en ?? d.name }]));
  }

  private registerChanged(site: Site): void {
    this.events?.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'register' });
  }
}
