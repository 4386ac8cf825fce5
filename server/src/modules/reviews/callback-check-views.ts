import type {
  CallbackAnswer,
  CallbackCheckFilter,
  CallbackCheckView,
  CallbackDepartmentFigures,
  CallbackDrawReason,
  FollowUpKind,
  FollowUpStatus,
} from '@hallwatch/shared';
import { callbackFigures } from '@hallwatch/shared';

export interface CheckRow {
  id: string;
  site_code: string;
  case_id: string;
  kind: FollowUpKind;
  source_id: string;
  department: string | null;
  dept_name: string | null;
  dept_name_en: string | null;
  window: string | null;
  rating: number | null;
  summary: string | null;
  phone_masked: string | null;
  has_phone: boolean;
  opened_at: Date;
  handler: string;
  closed_at: Date;
  resolution: string | null;
  confirmation_note: string | null;
  drawn_at: Date;
  reason: CallbackDrawReason;
  draw_value: number;
  share: number;
  answer: CallbackAnswer | null;
  note: string | null;
  called_at: Date | null;
  verified_by: string | null;
  verified_at: Date | null;
  case_status: FollowUpStatus;
}

/** The drawn closures (alias `k`) with their case as it stands and what the handler recorded before closing. */
export const CHECK_SELECT = `
  SELECT k.id, s.code AS site_code, k.case_id, c.kind, c.source_id, k.department, d.name AS dept_name, d.name_en AS dept_name_en,
    c."window", r.rating, COALESCE(p.summary, r.comment) AS summary,
    COALESCE(r.phone_masked, p.phone_masked) AS phone_masked, COALESCE(r.phone_enc, p.phone_enc) IS NOT NULL AS has_phone,
    c.opened_at, k.handler, k.closed_at,
    (SELECT a.note FROM follow_up_actions a WHERE a.case_id = k.case_id AND a.kind = 'resolution' AND a.at <= k.closed_at
      ORDER BY a.at DESC, a.id DESC LIMIT 1) AS resolution,
    (SELECT a.note FROM follow_up_actions a WHERE a.case_id = k.case_id AND a.kind = 'confirmation' AND a.at = k.closed_at
      ORDER BY a.id LIMIT 1) AS confirmation_note,
    k.drawn_at, k.reason, k.draw_value, k.share, k.answer, k.note, k.called_at, k.verified_by, k.verified_at, c.status AS case_status
  FROM callback_checks k JOIN follow_up_cases c ON c.id = k.case_id JOIN sites s ON s.id = k.site_id
  LEFT JOIN departments d ON d.site_id = k.site_id AND d.code = k.department
  LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
  LEFT JOIN complaints p ON c.kind = 'complaint' AND p.site_id = c.site_id AND p.event_id = c.source_id
  WHERE k.drawn_at IS NOT NULL`;

/** Awaiting their call oldest first (the longest waiting is called first); answered ones newest first. */
export const CHECK_FILTERS: Record<CallbackCheckFilter, { where: string; order: string }> = {
  pending: { where: 'k.answer IS NULL', order: 'k.drawn_at, k.id' },
  verified: { where: 'k.answer IS NOT NULL', order: 'k.verified_at DESC, k.id' },
  all: { where: 'true', order: 'k.answer IS NOT NULL, k.drawn_at DESC, k.id' },
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function checkView(r: CheckRow): CallbackCheckView {
  return {
    id: r.id,
    site: r.site_code,
    caseId: r.case_id,
    kind: r.kind,
    sourceId: r.source_id,
    department: r.department,
    departmentName: r.dept_name ? { zh: r.dept_name, en: r.dept_name_en ?? r.dept_name } : null,
    window: r.window,
    rating: r.rating,
    summary: r.summary,
    phoneMasked: r.phone_masked,
    hasPhone: r.has_phone,
    openedAt: iso(r.opened_at)!,
    handler: r.handler,
    closedAt: iso(r.closed_at)!,
    resolution: r.resolution,
    confirmationNote: r.confirmation_note,
    drawnAt: iso(r.drawn_at)!,
    reason: r.reason,
    drawValue: Number(r.draw_value),
    share: Number(r.share),
    answer: r.answer,
    note: r.note,
    calledAt: iso(r.called_at),
    verifiedBy: r.verified_by,
    verifiedAt: iso(r.verified_at),
    caseStatus: r.case_status,
  };
}

export interface FigureRow {
  department: string | null;
  name: string | null;
  name_en: string | null;
  drawn: number;
  verified: number;
  confirmed: number;
  not_contacted: number;
  not_solved: number;
}

/** The month's figures per department that owned the drawn cases ($1 site, $2 first day, $3 day after the last). */
export const FIGURES_SQL = `
  SELECT k.department, d.name, d.name_en, count(*)::int AS drawn, count(k.answer)::int AS verified,
    count(*) FILTER (WHERE k.answer = 'confirmed')::int AS confirmed,
    count(*) FILTER (WHERE k.answer = 'not_contacted')::int AS not_contacted,
    count(*) FILTER (WHERE k.answer = 'contacted_not_solved')::int AS not_solved
  FROM callback_checks k LEFT JOIN departments d ON d.site_id = k.site_id AND d.code = k.department
  WHERE k.site_id = $1 AND k.drawn_at IS NOT NULL AND k.drawn_day >= $2::date AND k.drawn_day < $3::date
  GROUP BY k.department, d.name, d.name_en
  ORDER BY k.department NULLS LAST`;

export const departmentFigures = (r: FigureRow): CallbackDepartmentFigures => ({
  department: r.department,
  name: r.name ? { zh: r.name, en: r.name_en ?? r.name } : null,
  ...callbackFigures({
    drawn: r.drawn,
    verified: r.verified,
    confirmed: r.confirmed,
    notContacted: r.not_contacted,
    notSolved: r.not_solved,
  }),
});
