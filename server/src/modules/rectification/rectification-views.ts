import {
  IndicatorSnapshot,
  meetsTarget,
  RectificationEvidenceView,
  RectificationHistoryView,
  RectificationItemView,
  RectificationLinkView,
  RectificationReboundView,
  RectificationReportView,
} from '@hallwatch/shared';
import { RectificationEvidence } from './entities/rectification-evidence.entity';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink, WHOLE_SITE } from './entities/rectification-link.entity';
import { RectificationRebound } from './entities/rectification-rebound.entity';
import { RectificationReport } from './entities/rectification-report.entity';
import { linkValue } from './look-back.service';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function reportView(r: RectificationReport): RectificationReportView {
  return {
    ref: r.ref,
    sourceName: r.sourceName,
    statedCount: r.statedCount,
    statedCountLine: r.statedCountLine,
    importedAt: r.importedAt.toISOString(),
    importCount: r.importCount,
    warnings: r.findings.warnings,
    notes: r.findings.notes,
  };
}

export function linkView(l: RectificationLink, snapshot: IndicatorSnapshot | null): RectificationLinkView {
  const value = snapshot ? linkValue(snapshot, l) : null;
  return {
    id: l.id,
    indicator: l.indicator,
    comparator: l.comparator,
    target: l.target,
    window: l.window,
    department: l.department === WHOLE_SITE ? null : l.department,
    origin: l.origin,
    value,
    onTarget: value === null ? null : meetsTarget(value, l.comparator, l.target),
    offSince: iso(l.offSince),
    judgedDay: l.judgedDay,
    judgedVerdict: l.judgedVerdict,
    failingDays: l.failingDays,
    checkedAt: iso(l.checkedAt),
  };
}

export function evidenceView(e: RectificationEvidence): RectificationEvidenceView {
  const attachment =
    e.attachmentName !== null ? { name: e.attachmentName, type: e.attachmentType ?? '', size: e.attachmentSize ?? 0 } : null;
  return {
    id: e.id,
    date: e.date,
    text: e.text,
    source: e.source,
    sourceLine: e.sourceLine,
    attachment,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}

export function historyView(h: RectificationHistory): RectificationHistoryView {
  return { at: h.at.toISOString(), actor: h.actor, field: h.field, old: h.oldValue, new: h.newValue };
}

export function reboundView(r: RectificationRebound | undefined): RectificationReboundView | null {
  if (!r?.rebounding || !r.since) return null;
  return { since: r.since.toISOString(), lastChecked: r.lastCheckedAt.toISOString(), links: r.links };
}

export interface ItemParts {
  links: RectificationLink[];
  evidence: RectificationEvidence[];
  history: RectificationHistory[];
  rebound: RectificationRebound | undefined;
}

export function itemView(
  i: RectificationItem,
  report: RectificationReport,
  parts: ItemParts,
  snapshot: IndicatorSnapshot | null,
): RectificationItemView {
  return {
    key: i.key,
    number: i.number,
    partOrdinal: i.partOrdinal,
    sectionOrdinal: i.sectionOrdinal,
    sectionNumeral: i.sectionNumeral,
    sectionTitle: i.sectionTitle,
    subsectionOrdinal: i.subsectionOrdinal,
    subsectionTitle: i.subsectionTitle,
    problem: i.problem,
    measures: i.measures,
    remarks: i.remarks,
    figures: i.figures.map((f) => ({ kind: f.kind, text: f.text, line: f.line, source: f.source })),
    sourceLine: i.sourceLine,
    endLine: i.endLine,
    inferredNote: i.inferredNote,
    absentFromLatestImport: i.seenAt < report.importedAt,
    status: i.status,
    statusSetBy: i.statusSetBy,
    statedStatus: i.statedStatus,
    responsibleDepartment: i.responsibleDepartment,
    deadline: i.deadline,
    rectifiedAt: iso(i.rectifiedAt),
    links: parts.links.map((l) => linkView(l, snapshot)),
    evidence: parts.evidence.map(evidenceView),
    history: parts.history.map(historyView),
    rebound: i.status === 'rectified' ? reboundView(parts.rebound) : null,
  };
}
