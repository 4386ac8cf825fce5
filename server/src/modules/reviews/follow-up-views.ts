import type {
  AppealView,
  ClosureDisproved,
  FollowUpActionView,
  FollowUpCaseView,
  FollowUpKind,
  FollowUpStatus,
  PlatformUpdateView,
  WorkOrderView,
} from '@hallwatch/shared';
import { EntityManager } from 'typeorm';

export interface CaseRow {
  id: string;
  site_id: string;
  site_code: string;
  timezone: string;
  kind: FollowUpKind;
  source_id: string;
  department: string | null;
  window: string | null;
  staff: string | null;
  real_name: boolean;
  opened_at: Date;
  status: FollowUpStatus;
  contact_due_at: Date;
  resolve_due_at: Date;
  first_contact_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  contact_overdue_at: Date | null;
  resolve_overdue_at: Date | null;
  reopened_at: Date | null;
  disproved: ClosureDisproved | null;
  rating: number | null;
  channel: string | null;
  summary: string | null;
  phone_masked: string | null;
  phone_enc: string | null;
  /** The source's hall-local date, whose rollups a change to the case touches. */
  source_day: string;
  ticket: string | null;
  work_order: string | null;
  sign_by: Date | null;
  close_by: Date | null;
  first_sign_by: Date | null;
  first_close_by: Date | null;
  platform_status: WorkOrderView['platformStatus'];
  platform_changed_at: Date | null;
  returned_at: Date | null;
  returned_by: string | null;
  return_reason: string | null;
  platform_closed_at: Date | null;
  awaiting_platform: boolean;
}

export const CASE_SELECT = `
  SELECT c.id, c.site_id, s.code AS site_code, s.timezone, c.kind, c.source_id, c.department, c."window", c.staff, c.real_name,
    c.opened_at, c.status, c.contact_due_at, c.resolve_due_at, c.first_contact_at, c.resolved_at, c.closed_at,
    c.contact_overdue_at, c.resolve_overdue_at, c.reopened_at, c.disproved,
    r.rating, COALESCE(r.channel, p.source) AS channel, COALESCE(p.summary, r.comment) AS summary,
    COALESCE(r.phone_masked, p.phone_masked) AS phone_masked, COALESCE(r.phone_enc, p.phone_enc) AS phone_enc,
    COALESCE(r.service_day, (c.opened_at AT TIME ZONE s.timezone)::date)::text AS source_day,
    r.ticket, p.work_order, p.sign_by, p.close_by, p.first_sign_by, p.first_close_by, p.platform_status, p.platform_changed_at,
    c.returned_at, c.returned_by, c.return_reason, c.platform_closed_at,
    (c.returned_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM complaint_order_updates u WHERE u.site_id = c.site_id
      AND u.work_order = p.work_order AND u.change <> 'extended' AND u.occurred_at > c.returned_at)) AS awaiting_platform
  FROM follow_up_cases c JOIN sites s ON s.id = c.site_id
  LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
  LEFT JOIN complaints p ON c.kind = 'complaint' AND p.site_id = c.site_id AND p.event_id = c.source_id`;

/** A case still to be worked on, as SQL on the case alias `c`; an IN list, so the status indexes serve it. */
export const OPEN_CASE = `c.status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation')`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function workOrderView(r: CaseRow): WorkOrderView | null {
  if (r.kind !== 'complaint' || !r.work_order) return null;
  // The limits it came with are worth showing only once an extension has moved them.
  const moved = iso(r.first_sign_by) !== iso(r.sign_by) || iso(r.first_close_by) !== iso(r.close_by);
  return {
    number: r.work_order,
    signBy: iso(r.sign_by),
    closeBy: iso(r.close_by),
    firstSignBy: moved ? iso(r.first_sign_by) : null,
    firstCloseBy: moved ? iso(r.first_close_by) : null,
    platformStatus: r.platform_status,
    platformChangedAt: iso(r.platform_changed_at),
    returned: r.returned_at ? { at: iso(r.returned_at)!, by: r.returned_by ?? '', reason: r.return_reason ?? '' } : null,
    awaitingPlatform: r.awaiting_platform,
    closedByPlatformAt: iso(r.platform_closed_at),
  };
}

export function caseView(
  r: CaseRow,
  appeal: AppealView | null,
  actions?: FollowUpActionView[],
  platformUpdates?: PlatformUpdateView[],
): FollowUpCaseView {
  return {
    id: r.id,
    site: r.site_code,
    kind: r.kind,
    sourceId: r.source_id,
    department: r.department,
    window: r.window,
    staff: r.staff,
    rating: r.rating,
    channel: r.channel,
    realName: r.real_name,
    summary: r.summary,
    phoneMasked: r.phone_masked,
    openedAt: iso(r.opened_at)!,
    status: r.status,
    contactDueAt: iso(r.contact_due_at)!,
    resolveDueAt: iso(r.resolve_due_at)!,
    firstContactAt: iso(r.first_contact_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    contactOverdueAt: iso(r.contact_overdue_at),
    resolveOverdueAt: iso(r.resolve_overdue_at),
    reopenedAt: iso(r.reopened_at),
    disproved: r.disproved,
    appeal,
    ticket: r.ticket,
    workOrder: workOrderView(r),
    ...(actions ? { actions } : {}),
    ...(platformUpdates ? { platformUpdates } : {}),
  };
}

interface AppealRow {
  id: string;
  site_code: string;
  review_id: string;
  department: string;
  reason: AppealView['reason'];
  statement: string;
  status: AppealView['status'];
  filed_at: Date;
  filed_by: string;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
  r_rating: number | null;
  r_occurred_at: Date | null;
  r_channel: string | null;
  r_window: string | null;
  r_staff: string | null;
  r_ticket: string | null;
  r_comment: string | null;
}

export const appealView = (a: AppealRow): AppealView => ({
  id: a.id,
  site: a.site_code,
  reviewId: a.review_id,
  review:
    a.r_rating === null
      ? null
      : {
          rating: a.r_rating,
          occurredAt: iso(a.r_occurred_at)!,
          channel: a.r_channel!,
          window: a.r_window,
          staff: a.r_staff,
          ticket: a.r_ticket,
          comment: a.r_comment,
        },
  department: a.department,
  reason: a.reason,
  statement: a.statement,
  status: a.status,
  filedAt: iso(a.filed_at)!,
  filedBy: a.filed_by,
  decidedAt: iso(a.decided_at),
  decidedBy: a.decided_by,
  decisionNote: a.decision_note,
});

// The review rides along so that whoever decides reads what was contested; its phone never does.
const APPEAL_SELECT = `SELECT a.*, s.code AS site_code, r.rating AS r_rating, r.occurred_at AS r_occurred_at, r.channel AS r_channel,
    r."window" AS r_window, r.staff AS r_staff, r.ticket AS r_ticket, r.comment AS r_comment
  FROM review_appeals a JOIN sites s ON s.id = a.site_id
  LEFT JOIN reviews r ON r.site_id = a.site_id AND r.event_id = a.review_id`;

/** The latest appeal of each review, by review id. */
export async function latestAppeals(em: EntityManager, siteId: string, reviewIds: string[]): Promise<Map<string, AppealView>> {
  if (!reviewIds.length) return new Map();
  const rows: AppealRow[] = await em.query(
    `${APPEAL_SELECT} WHERE a.site_id = $1 AND a.review_id = ANY($2::varchar[]) ORDER BY a.filed_at`,
    [siteId, reviewIds],
  );
  return new Map(rows.map((a) => [a.review_id, appealView(a)]));
}

export async function listAppeals(
  em: EntityManager,
  siteId: string,
  status: string | null,
  department: string | null = null,
): Promise<AppealView[]> {
  const rows: AppealRow[] = await em.query(
    `${APPEAL_SELECT} WHERE a.site_id = $1 AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.department = $3)
     ORDER BY a.filed_at DESC LIMIT 500`,
    [siteId, status, department],
  );
  return rows.map(appealView);
}

export async function findAppeal(em: EntityManager, siteId: string, id: string, lock = false): Promise<AppealView | null> {
  const rows: AppealRow[] = await em.query(`${APPEAL_SELECT} WHERE a.site_id = $1 AND a.id::text = $2 ${lock ? 'FOR UPDATE OF a' : ''}`, [
    siteId,
    id,
  ]);
  return rows.length ? appealView(rows[0]) : null;
}

export async function caseActions(em: EntityManager, caseId: string): Promise<FollowUpActionView[]> {
  const rows: Array<{
    kind: FollowUpActionView['kind'];
    step: FollowUpActionView['step'];
    at: Date;
    actor: string;
    note: string | null;
    outcome: boolean | null;
  }> = await em.query(`SELECT kind, step, at, actor, note, outcome FROM follow_up_actions WHERE case_id = $1 ORDER BY at, id`, [caseId]);
  return rows.map((a) => ({ kind: a.kind, step: a.step, at: iso(a.at)!, actor: a.actor, note: a.note, outcome: a.outcome }));
}

/** What the platform did to a work order, oldest first. */
export async function platformUpdates(em: EntityManager, siteId: string, workOrder: string): Promise<PlatformUpdateView[]> {
  const rows: Array<{
    occurred_at: Date;
    change: PlatformUpdateView['change'];
    sign_by: Date | null;
    close_by: Date | null;
    note: string | null;
  }> = await em.query(
    `SELECT occurred_at, change, sign_by, close_by, note FROM complaint_order_updates WHERE site_id = $1 AND work_order = $2
       ORDER BY occurred_at, event_id`,
    [siteId, workOrder],
  );
  return rows.map((u) => ({ at: iso(u.occurred_at)!, change: u.change, signBy: iso(u.sign_by), closeBy: iso(u.close_by), note: u.note }));
}
