import { EventResult, IngestResponse, MAX_EVENTS_PER_BATCH, PATROL_EVENT_TYPES, unstorableText } from '@hallwatch/shared';
import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { IngestService } from '../ingest/ingest.service';
import { Site } from '../registry/site.entity';
import { queryRows } from '../../core/database/typed-query';
import { CodeRow } from './patrol-rows';

const ROUND_TYPES: ReadonlySet<string> = new Set(PATROL_EVENT_TYPES);

/**
 * The patrol page's round.* events. They go through the ingest service like any device's,
 * so they land in `events` under the ids the page chose (a resend is a duplicate, never a
 * second record) and are projected into the patrol tables in the same transaction.
 * Before that, each must name a round of this site: the page cannot invent rounds.
 */
@Injectable()
export class PatrolEventsService {
  constructor(
    private readonly ds: DataSource,
    private readonly ingest: IngestService,
    private readonly clock: Clock,
  ) {}

  /** `actor` is who is signed in: it replaces the patroller a start or completion names. */
  async post(site: Site, body: unknown, actor: string): Promise<IngestResponse> {
    const items = toList(body).map((item) => asPatroller(item, actor));
    const known = await queryRows<CodeRow>(this.ds, `SELECT code FROM patrol_rounds WHERE site_id = $1 AND code = ANY($2::varchar[])`, [
      site.id,
      items.map((i) => roundOf(i)).filter((r): r is string => r !== null),
    ]);
    const rounds = new Set(known.map((r) => r.code));
    const results: Array<EventResult | null> = items.map((item) => precheck(item, rounds));
    const passing = items.filter((_, i) => results[i] === null);
    if (passing.length) {
      const ingested = await this.ingest.ingest(site, passing, 'patrol', this.clock.now());
      let k = 0;
      for (let i = 0; i < results.length; i++) if (results[i] === null) results[i] = ingested.results[k++];
    }
    return { results: results as EventResult[] };
  }
}

function toList(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException({ statusCode: 400, field: 'body', message: 'body must be {"events": [...]}' });
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events) || events.length === 0)
    throw new BadRequestException({ statusCode: 400, field: 'events', message: 'events must be a non-empty array' });
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw new BadRequestException({ statusCode: 400, field: 'events', message: `at most ${MAX_EVENTS_PER_BATCH} events per request` });
  return events;
}

// The page fills the patroller in from what it last knew (it may have recorded offline); the
// account that delivers the events is the one accountable for them.
function asPatroller(item: unknown, actor: string): unknown {
  const e = item as { type?: unknown; data?: unknown } | null;
  if (!e || typeof e !== 'object' || (e.type !== 'round.started' && e.type !== 'round.completed')) return item;
  if (!e.data || typeof e.data !== 'object' || Array.isArray(e.data)) return item;
  return { ...e, data: { ...e.data, patroller: actor } };
}

/** The round an event names, if it could be a stored round's code; other values are left to the validator to name. */
function roundOf(item: unknown): string | null {
  const data = (item as { data?: { round?: unknown } } | null)?.data;
  // Text PostgreSQL refuses (NUL) would fail the lookup of the whole batch.
  return typeof data?.round === 'string' && !unstorableText(data.round) ? data.round : null;
}

/** Rejects what the ingest contract allows but the patrol API does not; null lets the event through to full validation. */
function precheck(item: unknown, rounds: Set<string>): EventResult | null {
  const e = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; type?: unknown };
  const id = typeof e.id === 'string' ? e.id : null;
  if (typeof e.type !== 'string' || !ROUND_TYPES.has(e.type))
    return { id, status: 'rejected', field: 'type', reason: 'the patrol API takes round.started, round.check and round.completed only' };
  const round = roundOf(item);
  if (round !== null && !rounds.has(round))
    return { id, status: 'rejected', field: 'data.round', reason: `no round "${round}" at this site; reload today's rounds` };
  return null;
}
