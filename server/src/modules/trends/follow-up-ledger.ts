import type { FollowUpListView } from '@hallwatch/shared';
import type { Site } from '../registry/site.entity';

/**
 * Every follow-up case of a site opened in a span, for the ledger sheet of the trends export.
 * Reviews provides it: trends name what they read here, so they import nothing of reviews.
 */
export interface FollowUpLedger {
  list(
    site: Site,
    filter: 'all',
    department: string | null,
    opened: { from: string; to: string },
    limit: number,
  ): Promise<FollowUpListView>;
}

export const FOLLOW_UP_LEDGER = Symbol('FOLLOW_UP_LEDGER');
