import { AnyHallEvent } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { maskPhone, PhoneCipher } from '../../core/privacy/phone-cipher';
import { PresenceState } from './staff-presence.entity';
import { ticketLife, TicketEventInput } from './ticket-life';

export interface NewEvent {
  event: AnyHallEvent;
  occurredAt: Date;
  serviceDay: string;
}

/** What a batch changed, so that only the touched indicators are recomputed. */
export interface ProjectionChange {
  departments: Set<string>;
  tickets: number;
  staff: number;
  reviews: number;
  complaints: number;
  rounds: number;
}

const PRESENCE: Record<string, PresenceState> = {
  'staff.signed_in': 'on_post',
  'staff.returned': 'on_post',
  'staff.left_post': 'away',
  'staff.signed_out': 'signed_out',
};

// Updates the read models from newly stored events, inside the ingest transaction, so
// that an event and its effects commit together.
export class Projector {
  constructor(private readonly cipher: PhoneCipher) {}

  async apply(em: EntityManager, siteId: string, events: NewEvent[]): Promise<ProjectionChange> {
    const change: ProjectionChange = { departments: new Set(), tickets: 0, staff: 0, reviews: 0, complaints: 0, rounds: 0 };
    const ticketEvents = events.filter((e) => e.event.type.startsWith('ticket.'));
    const staffEvents = events.filter((e) => e.event.type.startsWith('staff.'));
    if (ticketEvents.length) await this.projectTickets(em, siteId, ticketEvents, change);
    if (staffEvents.length) await this.projectStaff(em, siteId, staffEvents, change);
    for (const e of events) {
      if (e.event.type === 'review.submitted') await this.projectReview(em, siteId, e, change);
      else if (e.event.type === 'complaint.received') await this.projectComplaint(em, siteId, e, change);
      else if (e.event.type.startsWith('round.')) change.rounds++;
    }
    return change;
  }

  private async projectTickets(em: EntityManager, siteId: string, events: NewEvent[], change: ProjectionChange) {
    const keys = new Map<string, { day: string; ticket: string }>();
    for (const e of events) {
      const ticket = (e.event.data as { ticket: string }).ticket;
      keys.set(`${e.serviceDay}|${ticket}`, { day: e.serviceDay, ticket });
    }
    // Sorted so that concurrent batches lock ticket rows in the same order.
    const list = [...keys.values()].sort((a, b) => (a.day + a.ticket < b.day + b.ticket ? -1 : 1));
    const days = list.map((k) => k.day);
    const tickets = list.map((k) => k.ticket);
    const rows: Array<{ id: string; type: string; occurred_at: Date; data: Record<string, unknown>; day: string; ticket: string }> =
      await em.query(
        `SELECT id, type, occurred_at, data, service_day::text AS day, ticket FROM events
         WHERE site_id = $1 AND ticket IS NOT NULL AND (service_day, ticket) IN (SELECT * FROM unnest($2::date[], $3::varchar[]))`,
        [siteId, days, tickets],
      );
    const byTicket = new Map<string, TicketEventInput[]>();
    for (const r of rows) {
      const k = `${r.day}|${r.ticket}`;
      const list2 = byTicket.get(k) ?? [];
      list2.push({ id: r.id, type: r.type, occurredAt: new Date(r.occurred_at), data: r.data });
      byTicket.set(k, list2);
    }
    const t: Record<string, unknown[]> = {
      day: [],
      ticket: [],
      status: [],
      department: [],
      channel: [],
      item: [],
      issued: [],
      waitFrom: [],
      firstCalled: [],
      lastCalled: [],
      calls: [],
      window: [],
      staff: [],
      started: [],
      ended: [],
      outcome: [],
      transfers: [],
    };
    const w: Record<string, unknown[]> = { day: [], ticket: [], seq: [], department: [], waitFrom: [], calledAt: [], abandoned: [] };
    for (const k of list) {
      const life = ticketLife(byTicket.get(`${k.day}|${k.ticket}`) ?? []);
      if (life.department) change.departments.add(life.department);
      life.waits.forEach((s) => s.department && change.departments.add(s.department));
      t.day.push(k.day);
      t.ticket.push(k.ticket);
      t.status.push(life.status);
      t.department.push(life.department);
      t.channel.push(life.channel);
      t.item.push(life.serviceItem);
      t.issued.push(life.issuedAt);
      t.waitFrom.push(life.waitFrom);
      t.firstCalled.push(life.firstCalledAt);
      t.lastCalled.push(life.lastCalledAt);
      t.calls.push(life.callCount);
      t.window.push(life.window);
      t.staff.push(life.staff);
      t.started.push(life.startedAt);
      t.ended.push(life.endedAt);
      t.outcome.push(life.outcome);
      t.transfers.push(life.transferCount);
      for (const s of life.waits) {
        w.day.push(k.day);
        w.ticket.push(k.ticket);
        w.seq.push(s.seq);
        w.department.push(s.department);
        w.waitFrom.push(s.waitFrom);
        w.calledAt.push(s.calledAt);
        w.abandoned.push(s.abandoned);
      }
    }
    await em.query(
      `INSERT INTO tickets (site_id, service_day, ticket, status, department, channel, service_item, issued_at, wait_from,
         first_called_at, last_called_at, call_count, "window", staff, started_at, ended_at, outcome, transfer_count)
       SELECT $1, * FROM unnest($2::date[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[],
         $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::int[], $13::varchar[], $14::varchar[],
         $15::timestamptz[], $16::timestamptz[], $17::varchar[], $18::int[])
       ON CONFLICT (site_id, service_day, ticket) DO UPDATE SET status = EXCLUDED.status, department = EXCLUDED.department,
         channel = EXCLUDED.channel, service_item = EXCLUDED.service_item, issued_at = EXCLUDED.issued_at,
         wait_from = EXCLUDED.wait_from, first_called_at = EXCLUDED.first_called_at, last_called_at = EXCLUDED.last_called_at,
         call_count = EXCLUDED.call_count, "window" = EXCLUDED."window", staff = EXCLUDED.staff, started_at = EXCLUDED.started_at,
         ended_at = EXCLUDED.ended_at, outcome = EXCLUDED.outcome, transfer_count = EXCLUDED.transfer_count`,
      [
        siteId,
        t.day,
        t.ticket,
        t.status,
        t.department,
        t.channel,
        t.item,
        t.issued,
        t.waitFrom,
        t.firstCalled,
        t.lastCalled,
        t.calls,
        t.window,
        t.staff,
        t.started,
        t.ended,
        t.outcome,
        t.transfers,
      ],
    );
    await em.query(
      `DELETE FROM ticket_waits WHERE site_id = $1 AND (service_day, ticket) IN (SELECT * FROM unnest($2::date[], $3::varchar[]))`,
      [siteId, days, tickets],
    );
    if (w.day.length)
      await em.query(
        `INSERT INTO ticket_waits (site_id, service_day, ticket, seq, department, wait_from, called_at, abandoned)
         SELECT $1, * FROM unnest($2::date[], $3::varchar[], $4::int[], $5::varchar[], $6::timestamptz[], $7::timestamptz[], $8::bool[])`,
        [siteId, w.day, w.ticket, w.seq, w.department, w.waitFrom, w.calledAt, w.abandoned],
      );
    change.tickets += list.length;
  }

  private async projectStaff(em: EntityManager, siteId: string, events: NewEvent[], change: ProjectionChange) {
    // One row per staff member per statement: keep the newest event and the latest sign-in.
    const winners = new Map<string, { e: NewEvent; lastSignIn: Date | null }>();
    for (const e of events) {
      const staff = (e.event.data as { staff: string }).staff;
      const signIn = e.event.type === 'staff.signed_in' ? e.occurredAt : null;
      const cur = winners.get(staff);
      if (!cur) {
        winners.set(staff, { e, lastSignIn: signIn });
        continue;
      }
      if (signIn && (!cur.lastSignIn || signIn > cur.lastSignIn)) cur.lastSignIn = signIn;
      const newer =
        e.occurredAt.getTime() > cur.e.occurredAt.getTime() ||
        (e.occurredAt.getTime() === cur.e.occurredAt.getTime() && e.event.id > cur.e.event.id);
      if (newer) cur.e = e;
    }
    const staffCodes = [...winners.keys()].sort();
    const rows = staffCodes.map((s) => winners.get(s)!);
    await em.query(
      `INSERT INTO staff_presence (site_id, staff, "window", state, reason, since, event_id, last_signed_in_at)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::varchar[], $8::timestamptz[])
       ON CONFLICT (site_id, staff) DO UPDATE SET
         "window" = CASE WHEN (EXCLUDED.since, EXCLUDED.event_id) > (staff_presence.since, staff_presence.event_id) THEN EXCLUDED."window" ELSE staff_presence."window" END,
         state = CASE WHEN (EXCLUDED.since, EXCLUDED.event_id) > (staff_presence.since, staff_presence.event_id) THEN EXCLUDED.state ELSE staff_presence.state END,
         reason = CASE WHEN (EXCLUDED.since, EXCLUDED.event_id) > (staff_presence.since, staff_presence.event_id) THEN EXCLUDED.reason ELSE staff_presence.reason END,
         event_id = CASE WHEN (EXCLUDED.since, EXCLUDED.event_id) > (staff_presence.since, staff_presence.event_id) THEN EXCLUDED.event_id ELSE staff_presence.event_id END,
         since = GREATEST(EXCLUDED.since, staff_presence.since),
         last_signed_in_at = GREATEST(EXCLUDED.last_signed_in_at, staff_presence.last_signed_in_at)`,
      [
        siteId,
        staffCodes,
        rows.map((r) => (r.e.event.data as { window: string }).window),
        rows.map((r) => PRESENCE[r.e.event.type]),
        rows.map((r) => (r.e.event.type === 'staff.left_post' ? (r.e.event.data as { reason: string }).reason : null)),
        rows.map((r) => r.e.occurredAt),
        rows.map((r) => r.e.event.id),
        rows.map((r) => r.lastSignIn),
      ],
    );
    change.staff += staffCodes.length;
  }

  private protectPhone(phone: unknown): { enc: string | null; masked: string | null } {
    if (typeof phone !== 'string') return { enc: null, masked: null };
    return { enc: this.cipher.encrypt(phone), masked: maskPhone(phone) };
  }

  private async projectReview(em: EntityManager, siteId: string, e: NewEvent, change: ProjectionChange) {
    const d = e.event.data as Record<string, unknown>;
    const phone = this.protectPhone(d.phone);
    const rating = d.rating as number;
    await em.query(
      `INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, "window", staff, ticket,
         comment, real_name, phone_enc, phone_masked, follow_up_open)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) ON CONFLICT DO NOTHING`,
      [
        siteId,
        e.event.id,
        e.occurredAt,
        e.serviceDay,
        rating,
        d.channel,
        d.department,
        d.window ?? null,
        d.staff ?? null,
        d.ticket ?? null,
        d.comment ?? null,
        d.realName === true,
        phone.enc,
        phone.masked,
        rating <= 2,
      ],
    );
    change.departments.add(d.department as string);
    change.reviews++;
  }

  private async projectComplaint(em: EntityManager, siteId: string, e: NewEvent, change: ProjectionChange) {
    const d = e.event.data as Record<string, unknown>;
    const phone = this.protectPhone(d.phone);
    await em.query(
      `INSERT INTO complaints (site_id, event_id, occurred_at, source, summary, department, "window", staff, phone_enc, phone_masked)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
      [
        siteId,
        e.event.id,
        e.occurredAt,
        d.source,
        d.summary,
        d.department ?? null,
        d.window ?? null,
        d.staff ?? null,
        phone.enc,
        phone.masked,
      ],
    );
    if (typeof d.department === 'string') change.departments.add(d.department);
    change.complaints++;
  }
}
