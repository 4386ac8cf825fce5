// The 督查告知书 as an official document (docs/contracts/patrol.md, "The notice as a document"):
// its number (文号), its state as the desk shows it, and everything the printed form carries.
import type { LocalizedText, PatrolNoticeView } from './patrol';
import type { Role } from './roles';

/** Who reads a notice as a document (its page, PDF and photo): the office, and the department it is addressed to. */
export const NOTICE_DOCUMENT_ROLES = ['admin', 'supervisor', 'department'] as const satisfies readonly Role[];

/** What a site that sets no pattern numbers its notices with, e.g. 某某政务服务中心督告〔2026〕3号. */
export const DEFAULT_NOTICE_NUMBER_PATTERN = '{site}督告〔{year}〕{seq}号';
export const NOTICE_NUMBER_PATTERN_MAX = 60;
/** {site}: the site's name; {year}: the hall-local year of issue; {seq}: the year's sequence, {seq:3} padded to 3 digits. */
const PLACEHOLDER = /\{([a-z]+)(?::(\d))?\}/g;
const KNOWN = new Set(['site', 'year', 'seq']);

/** Why a pattern cannot number notices, or null when it can. */
export function noticeNumberPatternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || !pattern.trim()) return 'noticeNumberPattern must be text such as {site}督告〔{year}〕{seq}号';
  if (pattern.length > NOTICE_NUMBER_PATTERN_MAX) return `noticeNumberPattern must be at most ${NOTICE_NUMBER_PATTERN_MAX} characters`;
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.find((n) => !KNOWN.has(n));
  if (unknown) return `noticeNumberPattern has an unknown placeholder {${unknown}}; use {site}, {year} and {seq}`;
  if (pattern.replace(PLACEHOLDER, '').includes('{') || pattern.replace(PLACEHOLDER, '').includes('}'))
    return 'noticeNumberPattern has an unclosed brace; placeholders are written {site}, {year}, {seq} or {seq:3}';
  // Without the year's sequence two notices would carry the same number.
  if (!names.includes('seq')) return 'noticeNumberPattern must contain {seq}, the sequence number, so that no two notices share a number';
  if (!names.includes('year')) return 'noticeNumberPattern must contain {year}: the sequence starts again every year';
  return null;
}

export function formatNoticeNumber(pattern: string, parts: { site: string; year: number; seq: number }): string {
  return pattern.replace(PLACEHOLDER, (_m, name: string, width?: string) => {
    if (name === 'site') return parts.site;
    if (name === 'year') return String(parts.year);
    return String(parts.seq).padStart(width ? Number(width) : 1, '0');
  });
}

/**
 * A notice as the desk follows it: waiting for the department's reply; past its deadline with
 * no reply; escalated (by the deadline job or by a supervisor); replied and waiting for the
 * office to accept the answer; accepted.
 */
export const NOTICE_STATES = ['awaiting', 'overdue', 'escalated', 'replied', 'accepted'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const NOTICE_STATE_LABELS: Record<NoticeState, LocalizedText> = {
  awaiting: { zh: '待回复', en: 'Awaiting reply' },
  overdue: { zh: '逾期未回复', en: 'Overdue' },
  escalated: { zh: '已上报', en: 'Escalated' },
  replied: { zh: '已回复待验收', en: 'Replied' },
  accepted: { zh: '已验收', en: 'Accepted' },
};

export function noticeState(n: Pick<PatrolNoticeView, 'status' | 'overdue' | 'escalatedAt' | 'acceptedAt'>): NoticeState {
  if (n.acceptedAt) return 'accepted';
  if (n.escalatedAt) return 'escalated';
  if (n.status === 'closed') return 'replied';
  return n.overdue ? 'overdue' : 'awaiting';
}

/** Everything the printed notice carries (`GET .../patrol/notices/:id`, and the PDF made from it). */
export interface PatrolNoticeDocumentView {
  notice: PatrolNoticeView;
  state: NoticeState;
  site: { code: string; name: string; nameEn: string | null; timezone: string };
  /** The issuing office as it signs the notice. */
  issuer: string;
  department: { code: string; name: string; nameEn: string | null };
  facts: {
    occurredAt: string;
    checkpoint: { code: string; label: LocalizedText };
    window: { code: string; number: number | null } | null;
    note: string | null;
    severity: 'low' | 'medium' | 'high' | null;
    items: number[];
    /** The finding's photo, for the printed page (the same bytes the PDF embeds). */
    photo: string | null;
  };
  /** The supervisor's requirement (整改要求); the office's standard wording when none was written. */
  requirement: string;
}

/** `POST .../notices/:id/escalate`: the office reports a notice up (an unanswered or an unsatisfactory reply). */
export interface EscalateNoticeInput {
  note?: string | null;
}
