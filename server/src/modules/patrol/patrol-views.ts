import { PatrolCheckpointView, PatrolCheckView, PatrolNoticeView, PatrolRoundView } from '@hallwatch/shared';
import { PatrolCheck } from './entities/patrol-check.entity';
import { PatrolCheckpoint } from './entities/patrol-checkpoint.entity';
import { PatrolNotice } from './entities/patrol-notice.entity';
import { PatrolRound } from './entities/patrol-round.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function checkpointView(c: PatrolCheckpoint): PatrolCheckpointView {
  return {
    code: c.code,
    label: { zh: c.label, en: c.labelEn ?? c.label },
    items: c.items,
    deductPoints: c.deductPoints,
    position: c.position,
    active: c.active,
  };
}

export function checkView(c: PatrolCheck): PatrolCheckView {
  return {
    eventId: c.eventId,
    checkpoint: c.checkpoint,
    result: c.result,
    department: c.department,
    window: c.window,
    severity: c.severity,
    note: c.note,
    occurredAt: c.occurredAt.toISOString(),
    confirmed: c.confirmed,
  };
}

export function roundView(r: PatrolRound, checks: PatrolCheck[]): PatrolRoundView {
  return {
    code: r.code,
    day: r.day,
    slot: r.slot,
    time: r.time,
    dueAt: r.dueAt.toISOString(),
    overdueAt: r.overdueAt.toISOString(),
    missedAt: r.missedAt.toISOString(),
    state: r.state,
    startedAt: iso(r.startedAt),
    startedBy: r.startedBy,
    completedAt: iso(r.completedAt),
    completedBy: r.completedBy,
    checks: checks.map(checkView),
    doubts: r.doubts ?? [],
  };
}

/** What a notice shows of its finding: the items it bears on, and the points it cost if confirmed as a violation. */
export interface NoticeFinding {
  items: number[];
  deduction: number | null;
}

// A visit's notice is about the towns' guidance (23) and their assessment (46), and the follow-up promise (9).
const VISIT_FINDING: NoticeFinding = { items: [9, 23, 46], deduction: null };
const NO_FINDING: NoticeFinding = { items: [], deduction: null };

/** `finding`: what patrol_findings holds of it; a visit's finding is not there, and reads as the visit's items. */
export function noticeView(n: PatrolNotice, finding: NoticeFinding | undefined, now: Date): PatrolNoticeView {
  finding ??= n.source === 'visit' ? VISIT_FINDING : NO_FINDING;
  return {
    id: n.id,
    clientId: n.clientId,
    finding: n.findingId,
    department: n.department,
    source: n.source,
    text: n.text,
    issuedAt: n.issuedAt.toISOString(),
    issuedBy: n.issuedBy,
    deadline: n.deadline.toISOString(),
    remindAt: n.remindAt.toISOString(),
    status: n.status,
    overdue: n.status === 'open' && n.deadline <= now,
    remindedAt: iso(n.remindedAt),
    escalatedAt: iso(n.escalatedAt),
    reply: n.reply,
    repliedAt: iso(n.repliedAt),
    repliedBy: n.repliedBy,
    items: finding.items,
    deduction: finding.deduction,
    number: n.number,
    acceptedAt: iso(n.acceptedAt),
    acceptedBy: n.acceptedBy,
    escalatedBy: n.escalatedBy,
    escalationNote: n.escalationNote,
  };
}
