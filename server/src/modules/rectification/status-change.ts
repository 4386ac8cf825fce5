import type { RectificationStatus } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink } from './entities/rectification-link.entity';
import { RectificationRebound } from './entities/rectification-rebound.entity';
import { LOOK_BACK_ACTOR } from './look-back.service';
import { restartDayTrack } from './look-back-rules';

export type Change = { field: string; old: string | null; new: string | null };

export async function recordChanges(em: EntityManager, item: RectificationItem, actor: string, at: Date, changes: Change[]): Promise<void> {
  if (changes.length)
    await em.insert(
      RectificationHistory,
      changes.map((c) => ({ itemId: item.id, at, actor, field: c.field, oldValue: c.old, newValue: c.new })),
    );
}

/**
 * Moves an item to a status, whoever decides it (the office, or the report at import): the
 * look-back counts from the moment an item becomes rectified, so its daily record restarts,
 * and an item taken back from rectified cannot rebound any more. The caller saves the item.
 */
export async function moveStatus(em: EntityManager, item: RectificationItem, next: RectificationStatus, now: Date): Promise<Change | null> {
  if (next === item.status) return null;
  const change = { field: 'status', old: item.status, new: next };
  const wasRectified = item.status === 'rectified';
  item.status = next;
  if (next === 'rectified') {
    item.rectifiedAt = now;
    for (const link of await em.findBy(RectificationLink, { itemId: item.id, window: 'day' }))
      await em.update(RectificationLink, { id: link.id }, restartDayTrack(link));
  } else if (wasRectified) {
    item.rectifiedAt = null;
    await clearRebound(em, item, now);
  }
  return change;
}

async function clearRebound(em: EntityManager, item: RectificationItem, now: Date): Promise<void> {
  const rebound = await em.findOneBy(RectificationRebound, { itemId: item.id });
  if (!rebound?.rebounding) return;
  await em.update(RectificationRebound, { itemId: item.id }, { rebounding: false, since: null, links: [], lastCheckedAt: now });
  await recordChanges(em, item, LOOK_BACK_ACTOR, now, [{ field: 'rebound', old: rebound.since?.toISOString() ?? null, new: null }]);
}
