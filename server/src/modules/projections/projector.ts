import { AnyHallEvent, EventType, EventTypeIn, HallEventOf, isEventOfType } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { maskPhone, PhoneCipher } from '../../core/privacy/phone-cipher';
import { ratingVisit } from './rating-visit';
import { RefusedRating } from './rejected-ratings';
import { PresenceState } from './staff-presence.entity';
import { planTickets, projectTickets, TicketPlan } from './ticket-projection';

export interface NewEvent<E extends AnyHallEvent = AnyHallEvent> {
  event: E;
  occurredAt: Date;
  serviceDay: string;
}

type StaffEvent = NewEvent<HallEventOf<EventTypeIn<'staff'>>>;
type ReviewEvent = NewEvent<HallEventOf<'review.submitted'>>;
type ComplaintEvent = NewEvent<HallEventOf<'complaint.received'>>;
type OrderUpdateEvent = NewEvent<HallEventOf<'complaint.platform_updated'>>;

/**
 * Which part of the projection each event type feeds (`rounds` are only counted here: patrol
 * keeps them, through `events.committing`). Every type is in exactly one part: a type added to
 * EVENT_TYPES without one does not compile (see EVERY_TYPE_PROJECTED below).
 */
const PARTS = {
  staff: ['staff.signed_in', 'staff.signed_out', 'staff.left_post', 'staff.returned'],
  tickets: ['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.completed', 'ticket.no_show', 'ticket.transferred'],
  reviews: ['review.submitted'],
  complaints: ['complaint.received'],
  orderUpdates: ['complaint.platform_updated'],
  rounds: ['round.started', 'round.completed', 'round.check'],
} as const satisfies Record<string, readonly EventType[]>;

type Unprojected = Exclude<EventType, (typeof PARTS)[keyof typeof PARTS][number]>;
/** Refuses to compile, naming the type, while an event type is in no part. */
const everyTypeProjected = (ok: [Unprojected] extends [never] ? true : Unprojected): boolean => Boolean(ok);
export const EVERY_TYPE_PROJECTED = everyTypeProjected(true);

const ofTypes = <T extends EventType>(events: NewEvent[], types: readonly T[]) =>
  events.filter((e): e is NewEvent<HallEventOf<T>> => (types as readonly EventType[]).includes(e.event.type));

/**
 * What a batch's projection touched: tells which follow-up and rollup jobs to queue. The wall
 * recomputes its whole snapshot regardless (docs/live-indicators.md).
 */
export interface ProjectionChange {
  departments: Set<string>;
  tickets: number;
  staff: number;
  reviews: number;
  complaints: number;
  /** Platform changes to complaints' work orders (complaint.platform_updated). */
  orderUpdates: number;
  rounds: number;
  /** Ratings of a visit already rated: stored as events, but no review row (one rating per visit). */
  refusedRatings: RefusedRating[];
}

export interface ProjectionPlan {
  staff: StaffEvent[];
  tickets: TicketPlan | null;
  reviews: ReviewEvent[];
  complaints: ComplaintEvent[];
  orderUpdates: OrderUpdateEvent[];
  rounds: number;
}

const PRESENCE: Record<EventTypeIn<'staff'>, PresenceState> = {
  'staff.signed_in': 'on_post',
  'staff.returned': 'on_post',
  'staff.left_post': 'away',
  'staff.signed_out': 'signed_out',
};

// Updates the read models from newly stored events, inside the ingest transaction, so
// that an event and its effects commit together.
export class Projector {
  constructor(private readonly cipher: PhoneCipher) {}

  /**
   * The part of the projection that needs no database, so that a caller can work it out
   * while the database is busy with something else.
   */
  plan(events: NewEvent[]): ProjectionPlan {
    const ticketEvents = ofTypes(events, PARTS.tickets);
    return {
      staff: ofTypes(events, PARTS.staff),
      tickets: ticketEvents.length ? planTickets(ticketEvents) : null,
      reviews: ofTypes(events, PARTS.reviews),
      complaints: ofTypes(events, PARTS.complaints),
      orderUpdates: ofTypes(events, PARTS.orderUpdates),
      rounds: ofTypes(events, PARTS.rounds).length,
    };
  }

  async apply(em: EntityManager, siteId: string, events: NewEvent[], plan = this.plan(events)): Promise<ProjectionChange> {
    const change: ProjectionChange = {
      departments: new Set(),
      tickets: 0,
      staff: 0,
      reviews: 0,
      complaints: 0,
      orderUpdates: 0,
      rounds: plan.rounds,
      refusedRatings: [],
    };
    // Presence rows are shared between batches and carry no trigger, so they are written
    // first: the aggregate triggers on the other tables take a per-site lock held to the
    // commit, and a row lock waited for after it could close a deadlock.
    if (plan.staff.length) await this.projectStaff(em, siteId, plan.staff, change);
    if (plan.tickets) await projectTickets(em, siteId, plan.tickets, change);
    if (plan.reviews.length) await this.projectReviews(em, siteId, plan.reviews, change);
    if (plan.complaints.length) await this.projectComplaints(em, siteId, plan.complaints, change);
    if (plan.orderUpdates.length) await this.projectOrderUpdates(em, siteId, plan.orderUpdates, change);
    const orders = [...plan.complaints.map((e) => e.event.data.workOrder), ...plan.orderUpdates.map((e) => e.event.data.workOrder)].filter(
      (o): o is string => typeof o === 'string',
    );
    if (orders.length) await settleWorkOrders(em, siteId, [...new Set(orders)].sort());
    return change;
  }

  private async projectStaff(em: EntityManager, siteId: string, events: StaffEvent[], change: ProjectionChange) {
    // One row per staff member per statement: keep the newest event and the latest sign-in.
    const winners = new Map<string, { e: StaffEvent; lastSignIn: Date | null }>();
    for (const e of events) {
      const staff = e.event.data.staff;
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
        rows.map((r) => r.e.event.data.window),
        rows.map((r) => PRESENCE[r.e.event.type]),
        rows.map((r) => (isEventOfType(r.e.event, 'staff.left_post') ? r.e.event.data.reason : null)),
        rows.map((r) => r.e.occurredAt),
        rows.map((r) => r.e.event.id),
        rows.map((r) => r.lastSignIn),
      ],
    );
    change.staff += staffCodes.length;
  }

  private protectPhone(phone: string | undefined): { enc: string | null; masked: string | null } {
    if (typeof phone !== 'string') return { enc: null, masked: null };
    return { enc: this.cipher.encrypt(phone), masked: maskPhone(phone) };
  }

  private async projectReviews(em: EntityManager, siteId: string, events: ReviewEvent[], change: ProjectionChange) {
    // Earliest first: of two ratings of one visit in one batch, the earlier one counts.
    const sorted = [...events].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0),
    );
    const rows = sorted.map((e) => ({ e, d: e.event.data, visit: ratingVisit(e.event.data, e.serviceDay, (p) => this.cipher.digest(p)) }));
    const phones = rows.map((r) => this.protectPhone(r.d.phone));
    // The unique visit index settles races with other batches: whichever commits first counts,
    // the other's insert skips the row (it waits for the first to commit or roll back).
    const stored: Array<{ event_id: string }> = await em.query(
      `INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, "window", staff, ticket,
         comment, real_name, phone_enc, phone_masked, follow_up_open, visit)
       SELECT $1, * FROM unnest($2::varchar[], $3::timestamptz[], $4::date[], $5::smallint[], $6::varchar[], $7::varchar[],
         $8::varchar[], $9::varchar[], $10::varchar[], $11::text[], $12::bool[], $13::text[], $14::varchar[], $15::bool[], $16::text[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        siteId,
        rows.map((r) => r.e.event.id),
        rows.map((r) => r.e.occurredAt),
        rows.map((r) => r.e.serviceDay),
        rows.map((r) => r.d.rating),
        rows.map((r) => r.d.channel),
        rows.map((r) => r.d.department),
        rows.map((r) => r.d.window ?? null),
        rows.map((r) => r.d.staff ?? null),
        rows.map((r) => r.d.ticket ?? null),
        rows.map((r) => r.d.comment ?? null),
        rows.map((r) => r.d.realName === true),
        phones.map((p) => p.enc),
        phones.map((p) => p.masked),
        rows.map((r) => r.d.rating <= 2),
        rows.map((r) => r.visit?.key ?? null),
      ],
    );
    const counted = new Set(stored.map((s) => s.event_id));
    for (const r of rows) {
      if (!counted.has(r.e.event.id)) {
        if (r.visit) change.refusedRatings.push({ event: r.e, field: r.visit.field, visit: r.visit.key });
        continue;
      }
      change.departments.add(r.d.department);
      change.reviews++;
    }
  }

  private async projectComplaints(em: EntityManager, siteId: string, events: ComplaintEvent[], change: ProjectionChange) {
    const rows = events.map((e) => ({ e, d: e.event.data }));
    const phones = rows.map((r) => this.protectPhone(r.d.phone));
    await em.query(
      `INSERT INTO complaints (site_id, event_id, occurred_at, source, summary, department, "window", staff, phone_enc, phone_masked,
         work_order, first_sign_by, first_close_by, sign_by, close_by)
       SELECT $1, u.*, u.first_sign_by, u.first_close_by FROM unnest($2::varchar[], $3::timestamptz[], $4::varchar[], $5::text[],
         $6::varchar[], $7::varchar[], $8::varchar[], $9::text[], $10::varchar[], $11::varchar[], $12::timestamptz[], $13::timestamptz[])
         AS u(event_id, occurred_at, source, summary, department, win, staff, phone_enc, phone_masked, work_order, first_sign_by, first_close_by)
       ON CONFLICT DO NOTHING`,
      [
        siteId,
        rows.map((r) => r.e.event.id),
        rows.map((r) => r.e.occurredAt),
        rows.map((r) => r.d.source),
        rows.map((r) => r.d.summary),
        rows.map((r) => r.d.department ?? null),
        rows.map((r) => r.d.window ?? null),
        rows.map((r) => r.d.staff ?? null),
        phones.map((p) => p.enc),
        phones.map((p) => p.masked),
        rows.map((r) => r.d.workOrder ?? null),
        rows.map((r) => r.d.signBy ?? null),
        rows.map((r) => r.d.closeBy ?? null),
      ],
    );
    for (const r of rows) if (typeof r.d.department === 'string') change.departments.add(r.d.department);
    change.complaints += rows.length;
  }

  private async projectOrderUpdates(em: EntityManager, siteId: string, events: OrderUpdateEvent[], change: ProjectionChange) {
    await em.query(
      `INSERT INTO complaint_order_updates (site_id, event_id, work_order, occurred_at, change, sign_by, close_by, note)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::timestamptz[], $7::timestamptz[], $8::text[])
       ON CONFLICT DO NOTHING`,
      [
        siteId,
        events.map((e) => e.event.id),
        events.map((e) => e.event.data.workOrder),
        events.map((e) => e.occurredAt),
        events.map((e) => e.event.data.change),
        events.map((e) => e.event.data.signBy ?? null),
        events.map((e) => e.event.data.closeBy ?? null),
        events.map((e) => e.event.data.note ?? null),
      ],
    );
    change.orderUpdates += events.length;
  }
}

/**
 * Derives the limits and state of the complaints of these work orders from the order as it
 * arrived and every platform change to it, the latest (by when it happened) winning; so an update
 * that arrives before its order, or two that arrive out of order, leave the same row.
 */
async function settleWorkOrders(em: EntityManager, siteId: string, orders: string[]): Promise<void> {
  const latest = (what: string, where: string) =>
    `(SELECT u.${what} FROM complaint_order_updates u WHERE u.site_id = c.site_id AND u.work_order = c.work_order AND ${where}
      ORDER BY u.occurred_at DESC, u.event_id DESC LIMIT 1)`;
  await em.query(
    `UPDATE complaints c SET
       sign_by = COALESCE(${latest('sign_by', 'u.sign_by IS NOT NULL')}, c.first_sign_by),
       close_by = COALESCE(${latest('close_by', 'u.close_by IS NOT NULL')}, c.first_close_by),
       platform_status = ${latest('change', `u.change <> 'extended'`)},
       platform_changed_at = ${latest('occurred_at', 'true')}
     WHERE c.site_id = $1 AND c.work_order = ANY($2::varchar[])`,
    [siteId, orders],
  );
}
