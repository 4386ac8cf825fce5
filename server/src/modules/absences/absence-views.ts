import { type AbsenceEntryView, isLeaveKind } from '@hallwatch/shared';
import { AbsenceEntry } from './absence-entry.entity';

/** Where an approved entry's cover ends: its end, or the actual return (销假) when earlier. */
export const coverUntil = (e: Pick<AbsenceEntry, 'endsAt' | 'returnedAt'>): Date =>
  e.returnedAt && e.returnedAt < e.endsAt ? e.returnedAt : e.endsAt;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export type DepartmentNames = ReadonlyMap<string, { zh: string; en: string }>;

export function entryView(e: AbsenceEntry, site: string, staffName: string | null, departments: DepartmentNames): AbsenceEntryView {
  return {
    id: e.id,
    site,
    staff: e.staff,
    staffName,
    department: e.department,
    departmentName: (e.department && departments.get(e.department)) || null,
    kind: e.kind,
    category: isLeaveKind(e.kind) ? 'leave' : 'outing',
    from: new Date(e.startsAt).toISOString(),
    to: new Date(e.endsAt).toISOString(),
    reason: e.reason,
    state: e.state,
    filedBy: e.filedBy,
    filedAt: new Date(e.filedAt).toISOString(),
    late: new Date(e.filedAt) > new Date(e.startsAt),
    decidedBy: e.decidedBy,
    decidedAt: iso(e.decidedAt),
    decisionNote: e.decisionNote,
    returnedAt: iso(e.returnedAt),
    returnedBy: e.returnedBy,
    cancelledBy: e.cancelledBy,
    cancelledAt: iso(e.cancelledAt),
    cancelNote: e.cancelNote,
  };
}
