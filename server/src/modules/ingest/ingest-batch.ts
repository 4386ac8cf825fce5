import { AnyHallEvent, EventResult, validateEvent } from '@hallwatch/shared';

export interface ValidEvent {
  index: number;
  event: AnyHallEvent;
  occurredAt: Date;
}

export interface CheckedBatch {
  results: (EventResult | null)[];
  valid: ValidEvent[];
}

/**
 * Validates a batch and settles in-batch repeats: the first valid copy of an id goes
 * on to storage, later copies answer `duplicate`. Slots left null await the database.
 */
export function checkBatch(items: unknown[], now: Date): CheckedBatch {
  const results: (EventResult | null)[] = new Array(items.length).fill(null);
  const valid: ValidEvent[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const outcome = validateEvent(item, now);
    if (!outcome.ok) {
      results[index] = { id: outcome.id, status: 'rejected', field: outcome.field, reason: outcome.reason };
      return;
    }
    if (seen.has(outcome.event.id)) {
      results[index] = { id: outcome.event.id, status: 'duplicate' };
      return;
    }
    seen.add(outcome.event.id);
    valid.push({ index, event: outcome.event, occurredAt: outcome.occurredAt });
  });
  return { results, valid };
}
