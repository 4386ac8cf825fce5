import { ABSENCE_EARLY_LEAVE_MIN, AbsenceKind, isLeaveKind } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { Site } from '../registry/site.entity';

/** An approved entry of the outing and leave register, as the indicators judge absences by it. */
export interface RegisterEntryFact {
  id: string;
  staff: string;
  kind: AbsenceKind;
  from: Date;
  /** The end of its cover: the actual return (销假) when earlier than the entry's end. */
  until: Date;
}

/**
 * The seam where the register supplies its approved entries: those whose cover reaches into
 * the roster look-back (30 days) up to now. Read through the snapshot's entity manager, so that
 * an approval and the numbers it settles belong to one database snapshot.
 */
export interface AbsenceRegisterSource {
  entries(em: EntityManager, site: Site, now: Date, lookBackDays: number): Promise<RegisterEntryFact[]>;
}

/** No register: every declared outing is unregistered and nobody is on leave. */
export const NO_REGISTER: AbsenceRegisterSource = { entries: async () => [] };

const EARLY_MS = ABSENCE_EARLY_LEAVE_MIN * 60_000;

/**
 * The approved entry that covers an absence from the window (docs/contracts/absences.md):
 * approved leave covers the staff member's absence whatever the device declared; an approved
 * outing covers only a departure declared as that same kind (official business, meeting). Either
 * covers a departure from ABSENCE_EARLY_LEAVE_MIN before its start to its end. Of several, the
 * one reaching furthest.
 */
export function coveringEntry(
  entries: readonly RegisterEntryFact[],
  p: { staff: string; reason: string | null; since: Date },
): RegisterEntryFact | null {
  let best: RegisterEntryFact | null = null;
  const left = p.since.getTime();
  for (const e of entries) {
    if (e.staff !== p.staff) continue;
    if (!isLeaveKind(e.kind) && e.kind !== p.reason) continue;
    if (left < e.from.getTime() - EARLY_MS || left > e.until.getTime()) continue;
    if (!best || e.until > best.until) best = e;
  }
  return best;
}

/** Approved leave of the staff member overlapping [from, to]: an absence from the roster it explains. */
export function onLeaveWithin(entries: readonly RegisterEntryFact[], staff: string, from: Date, to: Date): boolean {
  return entries.some((e) => e.staff === staff && isLeaveKind(e.kind) && e.from <= to && e.until >= from);
}

/** Approved leave of the staff member in force at `at`. */
export function leaveAt(entries: readonly RegisterEntryFact[], staff: string, at: Date): RegisterEntryFact | null {
  return entries.find((e) => e.staff === staff && isLeaveKind(e.kind) && e.from <= at && e.until >= at) ?? null;
}
