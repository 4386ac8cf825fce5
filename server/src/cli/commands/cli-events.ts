import { AppConfig } from '../../core/config/app-config';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { DomainEvents, standaloneEvents } from '../../modules/domain-events/domain-events';
import { NO_ROLLUP_KICKS } from '../../modules/trends/jobs/rollup.producer';
import { RollupReactions } from '../../modules/trends/rollup-reactions';

/** The part of a wall's refresh the CLI cannot shorten when Redis is away (LIVE_REFRESH_MS). */
const CATCH_UP = 'the walls will catch up at their next periodic refresh (within 15 s by default)';

/**
 * The domain events of one CLI command, which runs without the server's modules: the handlers
 * that must share its transactions (the rollups' marks; the command has no queue, so the
 * server's sweep folds them), and the relay that tells every server of a registry change, so the
 * walls update at once (docs/domain-events.md).
 */
export async function withCliEvents<T>(config: AppConfig, fn: (events: DomainEventBus<DomainEvents>) => Promise<T>): Promise<T> {
  const events = standaloneEvents([new RollupReactions(NO_ROLLUP_KICKS)], config);
  try {
    const out = await fn(events);
    // The change is stored whatever Redis says; only the walls' news may be late.
    if (!(await events.settle())) console.log(`Redis is unreachable, so the walls were not told at once: ${CATCH_UP}.`);
    return out;
  } finally {
    await events.close();
  }
}
