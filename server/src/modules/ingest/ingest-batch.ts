import { AnyHallEvent, EventResult, EventSender, PATROL_EVENT_TYPES, validateEvent } from '@hallwatch/shared';

export interface ValidEvent {
  index: number;
  event: AnyHallEvent;
  occurredAt: Date;
}

export interface CheckedBatch {
  results: (EventResult | null)[];
  valid: ValidEvent[];
}

const PATROL_TYPES: ReadonlySet<unknown> = new Set(PATROL_EVENT_TYPES);

const PATROL_ONLY =
  'round.started, round.check and round.completed are recorded only by a signed-in patrol account ' +
  '(POST /api/v1/patrol/sites/:site/events), never with a device key';

/** A device's round event, refused on its own so that the rest of its batch is still stored. */
function refusedFrom(sender: EventSender, item: unknown): EventResult | null {
  if (sender !== 'device' || typeof item !== 'object' || item === null) return null;
  const { id, type } = item as { id?: unknown; type?: unknown };
  if (!PATROL_TYPES.has(type)) return null;
  return { id: typeof id === 'string' ? id : null, status: 'rejected', field: 'type', reason: PATROL_ONLY };
}

/**
 * Validates a batch and settles in-batch repeats: the first valid copy of an id goes
 * on to storage, later copies answer `duplicate`. Slots left null await the database.
 */
export function checkBatch(items: unknown[], now: Date, sender: EventSender): CheckedBatch {
  const results: (EventResult | null)[] = new Array(items.length).fill(null);
  const valid: ValidEvent[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const refused = refusedFrom(sender, item);
    if (refused) {
      results[index] = refused;
      return;
    }
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
