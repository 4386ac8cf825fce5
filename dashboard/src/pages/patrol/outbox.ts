import type { PatrolNoticeInput, PatrolRoundEvent } from '@hallwatch/shared';
import { idbQueue } from '../../offline/idb-queue';

export type { FailedEntry } from '../../offline/idb-queue';

// The patrol phone's records not yet accepted by the server: round events, photos and notices.
export type OutboxEntry =
  | { seq?: number; kind: 'events'; site: string; events: PatrolRoundEvent[] }
  | { seq?: number; kind: 'photo'; site: string; check: string; blob: Blob }
  | { seq?: number; kind: 'notice'; site: string; notice: PatrolNoticeInput };

export const outbox = idbQueue<OutboxEntry>('hallwatch-patrol');
