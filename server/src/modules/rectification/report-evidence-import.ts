import type { ImportedItemEvidence, RectificationStatus } from '@hallwatch/shared';
import { EntityManager, In } from 'typeorm';
import { RectificationEvidence } from './entities/rectification-evidence.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import type { DatedMeasure } from './report-dated-measures';
import { Change, moveStatus } from './status-change';

// What an import takes from the report beyond its text: the status the report states for an
// item, and the item's dated measures as evidence from the report. The hall's own work is never
// touched: a status the office has set stays, and so does every piece of evidence it added.

/** Sets the status the report states, unless the office has set one itself. The caller saves the item. */
export async function applyStatedStatus(em: EntityManager, item: RectificationItem, now: Date): Promise<Change | null> {
  if (item.statusSetBy === 'office' || !item.statedStatus) return null;
  // The history keeps the bare status, like the office's changes; the item's statedStatus says why.
  return moveStatus(em, item, item.statedStatus.status, now);
}

const same = (e: Pick<RectificationEvidence, 'sourceLine' | 'date' | 'text'>, m: DatedMeasure) =>
  e.sourceLine === m.line && e.date === m.date && e.text === m.text;

/**
 * Makes the item's evidence from the report match the report's dated measures: new ones are
 * added, ones a corrected copy no longer has are removed, the rest stay as they are.
 */
export async function syncReportEvidence(
  em: EntityManager,
  item: RectificationItem,
  dated: DatedMeasure[],
  actor: string,
): Promise<{ added: DatedMeasure[]; removed: RectificationEvidence[] }> {
  const held = await em.findBy(RectificationEvidence, { itemId: item.id, source: 'report' });
  const stale = held.filter((e) => !dated.some((m) => same(e, m)));
  const added = dated.filter((m) => !held.some((e) => same(e, m)));
  if (stale.length) await em.delete(RectificationEvidence, { id: In(stale.map((e) => e.id)) });
  if (added.length)
    await em.insert(
      RectificationEvidence,
      added.map((m) => ({ itemId: item.id, date: m.date, text: m.text, source: 'report' as const, sourceLine: m.line, createdBy: actor })),
    );
  return { added, removed: stale };
}

/** One history row per measure added or removed, worded like the office's evidence ("2024-07-17 组织…"), with its line. */
export function evidenceChanges(added: DatedMeasure[], removed: RectificationEvidence[]): Change[] {
  const summary = (e: { date: string; text: string }, line: number | null) => `${e.date} ${e.text.slice(0, 60)} [L${line ?? '?'}]`;
  return [
    ...removed.map((e) => ({ field: 'evidence', old: summary(e, e.sourceLine), new: null })),
    ...added.map((m) => ({ field: 'evidence', old: null, new: summary(m, m.line) })),
  ];
}

export function importedItem(item: RectificationItem, dated: DatedMeasure[]): ImportedItemEvidence {
  return {
    number: item.number,
    key: item.key,
    stated: item.statedStatus,
    status: item.status,
    statusFromReport: item.statusSetBy === 'report',
    measures: dated.map((m) => ({ date: m.date, dateText: m.dateText, text: m.text, line: m.line })),
  };
}

export const noStatuses = (): Record<RectificationStatus, number> => ({ in_progress: 0, rectified: 0, ongoing: 0 });
