import { DataSource } from 'typeorm';

// Rows written straight into the projections, for tests that check the rates' arithmetic
// on data whose answers are known by hand (no ingest, no jobs).

export interface ReviewRow {
  id: string;
  at: string;
  rating: number;
  dept: string;
  window?: string;
  staff?: string;
  channel?: string;
  ticket?: string;
  realName?: boolean;
  excluded?: boolean;
}

export async function insertReviews(ds: DataSource, siteId: string, rows: ReviewRow[]): Promise<void> {
  for (const r of rows)
    await ds.query(
      `INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, "window", staff, ticket, real_name,
         follow_up_open, excluded)
       VALUES ($1, $2, $3, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $4::smallint, $5, $6, $7, $8, $9, $10, $4::smallint <= 2 AND NOT $11::bool, $11::bool)`,
      [
        siteId,
        r.id,
        r.at,
        r.rating,
        r.channel ?? 'pad',
        r.dept,
        r.window ?? null,
        r.staff ?? null,
        r.ticket ?? null,
        r.realName ?? false,
        r.excluded ?? false,
      ],
    );
}

export interface TicketRow {
  day: string;
  ticket: string;
  dept: string;
  window?: string;
  staff?: string;
  status?: string;
  /** Waited from `issued` to `called` (ISO instants); no wait row without `called`. */
  issued?: string;
  called?: string;
}

export async function insertTickets(ds: DataSource, siteId: string, rows: TicketRow[]): Promise<void> {
  for (const t of rows) {
    await ds.query(
      `INSERT INTO tickets (site_id, service_day, ticket, status, department, "window", staff, issued_at, first_called_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [siteId, t.day, t.ticket, t.status ?? 'done', t.dept, t.window ?? null, t.staff ?? null, t.issued ?? null, t.called ?? null],
    );
    if (t.issued)
      await ds.query(
        `INSERT INTO ticket_waits (site_id, service_day, ticket, seq, department, wait_from, called_at, abandoned) VALUES ($1, $2, $3, 0, $4, $5, $6, false)`,
        [siteId, t.day, t.ticket, t.dept, t.issued, t.called ?? null],
      );
  }
}

export interface CaseRow {
  source: string;
  kind?: 'review' | 'complaint';
  opened: string;
  contactDue: string;
  resolveDue: string;
  firstContact?: string;
  closed?: string;
  contactOverdue?: string;
  resolveOverdue?: string;
  realName?: boolean;
  dept?: string;
}

export async function insertCases(ds: DataSource, siteId: string, rows: CaseRow[]): Promise<void> {
  for (const c of rows)
    await ds.query(
      `INSERT INTO follow_up_cases (site_id, kind, source_id, department, real_name, opened_at, status, contact_due_at, resolve_due_at,
         first_contact_at, resolved_at, closed_at, contact_overdue_at, resolve_overdue_at, scheduled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, now())`,
      [
        siteId,
        c.kind ?? 'review',
        c.source,
        c.dept ?? null,
        c.realName ?? false,
        c.opened,
        c.closed ? 'closed' : c.firstContact ? 'in_progress' : 'awaiting_contact',
        c.contactDue,
        c.resolveDue,
        c.firstContact ?? null,
        c.closed ?? null,
        c.contactOverdue ?? null,
        c.resolveOverdue ?? null,
      ],
    );
}

export async function insertComplaint(ds: DataSource, siteId: string, id: string, at: string, dept: string | null): Promise<void> {
  await ds.query(
    `INSERT INTO complaints (site_id, event_id, occurred_at, source, summary, department) VALUES ($1, $2, $3, 'onsite', '测试', $4)`,
    [siteId, id, at, dept],
  );
}
