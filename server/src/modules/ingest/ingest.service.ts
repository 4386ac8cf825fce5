import { EventResult, EventSender } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { maskPhone, PhoneCipher } from '../../core/privacy/phone-cipher';
import { serviceDay } from '../../core/time/service-day';
import { Projector, ProjectionChange, NewEvent } from '../projections/projector';
import { eventRefs, RefKind } from '../projections/reference-check';
import { ALREADY_RATED, recordRefusedRatings } from '../projections/rejected-ratings';
import { CommittingBatch, DomainEvents } from '../domain-events/domain-events';
import { Site } from '../registry/site.entity';
import { recordAudit } from '../audit/audit-log';
import { insertEvents } from './event-store';
import { checkBatch, ValidEvent } from './ingest-batch';
import { IngestMetrics } from './ingest-metrics';

export interface IngestOutcome {
  results: EventResult[];
  change: ProjectionChange | null;
}

/**
 * Lets a statement run in the database while this process works on: waits until TypeORM,
 * a few promise turns on, has put it on the wire. The statement's promise is marked handled
 * because it is awaited later, and a failure in between must not count as unhandled.
 */
async function inFlight<T>(statement: Promise<T>): Promise<{ result: Promise<T> }> {
  statement.catch(() => undefined);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { result: statement };
}

/**
 * serviceDay for a batch, formatted once per distinct minute: a batch's events crowd into few
 * minutes (a day's history into a few hundred), and every zone's offsets, and the instants
 * they change at, have been whole minutes since 1972, so one minute has one hall date.
 */
function serviceDays(timeZone: string): (at: Date) => string {
  const days = new Map<number, string>();
  return (at) => {
    const minute = Math.floor(at.getTime() / 60_000);
    let day = days.get(minute);
    if (day === undefined) days.set(minute, (day = serviceDay(at, timeZone)));
    return day;
  };
}

/** The batch's rows as stored: phone numbers masked, hall date worked out. */
function eventRows(valid: ValidEvent[], site: Site) {
  const dayOf = serviceDays(site.timezone);
  return valid.map((v) => {
    let data = v.event.data as Record<string, unknown>;
    // The raw event keeps only the mask; the projection holds the ciphertext.
    if (typeof data.phone === 'string') data = { ...data, phone: maskPhone(data.phone) };
    return { index: v.index, event: v.event, occurredAt: v.occurredAt, data, serviceDay: dayOf(v.occurredAt), unknownRefs: [] as string[] };
  });
}

@Injectable()
export class IngestService {
  private readonly projector: Projector;

  constructor(
    private readonly ds: DataSource,
    config: AppConfig,
    private readonly events: DomainEventBus<DomainEvents>,
    private readonly metrics: IngestMetrics,
  ) {
    this.projector = new Projector(new PhoneCipher(config.PHONE_SECRET));
  }

  /**
   * `sender` is who delivers the batch: a device key may not post patrol round events. `from`
   * names it in the record of refused ratings (`device-key:<id>`).
   */
  async ingest(site: Site, items: unknown[], sender: EventSender, now = new Date(), from: string = sender): Promise<IngestOutcome> {
    const started = performance.now();
    const outcome = await this.ingestBatch(site, items, sender, now, from);
    this.metrics.record(items, outcome.results, (performance.now() - started) / 1000);
    return outcome;
  }

  private async ingestBatch(site: Site, items: unknown[], sender: EventSender, now: Date, from: string): Promise<IngestOutcome> {
    const { results, valid } = checkBatch(items, now, sender);
    if (valid.length === 0) return { results: results as EventResult[], change: null };

    let batch: CommittingBatch | undefined;
    const change = await this.ds
      .transaction(async (em) => {
        const stored = await this.store(em, site, valid, results, from, now);
        batch = stored.batch;
        if (batch.events.length) await this.events.emitInOrder('events.committing', batch);
        return stored.change;
      })
      .catch((err: unknown) => {
        if (batch?.events.length) this.events.emit('events.rolled-back', batch);
        throw err;
      });
    // Only after the commit: nobody may publish what could still roll back.
    this.events.emit('events.committed', { site, change, batch: batch! });
    this.events.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'events' });
    return { results: results as EventResult[], change };
  }

  /**
   * A batch stored inside the caller's transaction, checked, stored, projected and handed to the
   * `events.committing` handlers exactly as ingest() does; but nobody hears of it after the
   * commit, which is the caller's to announce. For history written in bulk (the demo hall's
   * past days), where a notice per batch would only queue work the caller does itself.
   */
  async ingestWithin(
    em: EntityManager,
    site: Site,
    items: unknown[],
    sender: EventSender,
    now: Date,
    from: string = sender,
  ): Promise<IngestOutcome & { events: NewEvent[] }> {
    const { results, valid } = checkBatch(items, now, sender);
    if (valid.length === 0) return { results: results as EventResult[], change: null, events: [] };
    const { change, batch } = await this.store(em, site, valid, results, from, now);
    if (batch.events.length)
      await this.events.emitInOrder('events.committing', batch).catch((err: unknown) => {
        this.events.emit('events.rolled-back', batch);
        throw err;
      });
    return { results: results as EventResult[], change, events: batch.events };
  }

  /** A batch's events stored and projected; the `events.committing` handlers are the caller's to run. */
  private async store(
    em: EntityManager,
    site: Site,
    valid: ValidEvent[],
    results: (EventResult | null)[],
    from: string,
    now: Date,
  ): Promise<{ change: ProjectionChange; batch: CommittingBatch }> {
    const lookup = await inFlight(
      this.unknownRefs(
        em,
        site.id,
        valid.map((v) => v.event),
      ),
    );
    const rows = eventRows(valid, site);
    const unknown = await lookup.result;
    if (unknown.size)
      for (const r of rows)
        r.unknownRefs = eventRefs(r.event)
          .map(([kind, code]) => `${kind}:${code}`)
          .filter((ref) => unknown.has(ref));
    const storing = await inFlight(insertEvents(em, site.id, rows));
    // The projection is worked out while the database stores the events, on the bet that
    // none was stored before (a batch that holds repeats has it worked out again).
    const toNew = (list: typeof rows): NewEvent[] =>
      list.map((r) => ({ event: r.event, occurredAt: r.occurredAt, serviceDay: r.serviceDay }));
    const allNew = toNew(rows);
    let plan = this.projector.plan(allNew);
    const duplicates = await storing.result;
    for (const r of rows) results[r.index] = { id: r.event.id, status: duplicates.has(r.event.id) ? 'duplicate' : 'accepted' };
    const newRows = duplicates.size ? rows.filter((r) => !duplicates.has(r.event.id)) : rows;
    await this.recordUnknown(
      em,
      site.id,
      newRows.flatMap((r) => r.unknownRefs.map((ref) => ({ ref, at: r.occurredAt }))),
    );
    const newEvents = duplicates.size ? toNew(newRows) : allNew;
    if (duplicates.size) plan = this.projector.plan(newEvents);
    const projected = await this.projector.apply(em, site.id, newEvents, plan);
    const counted = await this.settleRefusedRatings(em, site, rows, results, projected, newEvents, from, now);
    return { change: projected, batch: { em, site, events: counted } };
  }

  /**
   * A rating of a visit already rated is answered `rejected` (already_rated) and kept for the
   * record; it stays a stored event (a re-send of its id is a duplicate) but nobody downstream
   * hears of it, so it opens no follow-up and marks no rollup.
   */
  private async settleRefusedRatings(
    em: EntityManager,
    site: Site,
    rows: Array<{ index: number; event: { id: string } }>,
    results: (EventResult | null)[],
    projected: ProjectionChange,
    newEvents: NewEvent[],
    from: string,
    now: Date,
  ): Promise<NewEvent[]> {
    const refused = projected.refusedRatings;
    if (!refused.length) return newEvents;
    const indexOf = new Map(rows.map((r) => [r.event.id, r.index]));
    for (const r of refused)
      results[indexOf.get(r.event.event.id)!] = {
        id: r.event.event.id,
        status: 'rejected',
        field: r.field,
        reason: ALREADY_RATED,
      };
    const kept = await recordRefusedRatings(em, site.id, refused, from, now);
    // The attempt is audited as well as kept: one entry per batch (a pad pressed again and again
    // adds one row a request, not one a press), under the device that sent it.
    if (kept.length)
      await recordAudit(em, {
        action: 'rating.refused',
        target: `event:${kept[0].event_id}`,
        site: site.code,
        details: {
          reason: ALREADY_RATED,
          count: kept.length,
          sentBy: from,
          ratings: kept.map((k) => ({ event: k.event_id, field: k.field, counted: k.counted_event_id })),
        },
        at: now,
      });
    const ids = new Set(refused.map((r) => r.event.event.id));
    return newEvents.filter((e) => !ids.has(e.event.id));
  }

  private async unknownRefs(
    em: { query: (sql: string, params: unknown[]) => Promise<Array<{ kind: RefKind; code: string }>> },
    siteId: string,
    events: Parameters<typeof eventRefs>[0][],
  ): Promise<Set<string>> {
    const wanted = new Set<string>();
    for (const e of events) for (const [kind, code] of eventRefs(e)) wanted.add(`${kind}:${code}`);
    if (!wanted.size) return wanted;
    const codes = (kind: RefKind) => [...wanted].filter((w) => w.startsWith(`${kind}:`)).map((w) => w.slice(kind.length + 1));
    // One round trip for the three registers.
    const known = await em.query(
      `SELECT 'department' AS kind, code FROM departments WHERE site_id = $1 AND code = ANY($2::varchar[])
       UNION ALL SELECT 'window', code FROM windows WHERE site_id = $1 AND code = ANY($3::varchar[])
       UNION ALL SELECT 'staff', code FROM staff WHERE site_id = $1 AND code = ANY($4::varchar[])`,
      [siteId, codes('department'), codes('window'), codes('staff')],
    );
    for (const k of known) wanted.delete(`${k.kind}:${k.code}`);
    return wanted;
  }

  private async recordUnknown(
    em: { query: (sql: string, params: unknown[]) => Promise<unknown> },
    siteId: string,
    refs: Array<{ ref: string; at: Date }>,
  ): Promise<void> {
    if (!refs.length) return;
    const agg = new Map<string, { first: Date; last: Date; count: number }>();
    for (const { ref, at } of refs) {
      const a = agg.get(ref);
      if (!a) agg.set(ref, { first: at, last: at, count: 1 });
      else {
        if (at < a.first) a.first = at;
        if (at > a.last) a.last = at;
        a.count++;
      }
    }
    const keys = [...agg.keys()].sort();
    await em.query(
      `INSERT INTO unknown_references (site_id, kind, code, first_seen, last_seen, event_count)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[], $4::timestamptz[], $5::timestamptz[], $6::int[])
       ON CONFLICT (site_id, kind, code) DO UPDATE SET first_seen = LEAST(unknown_references.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(unknown_references.last_seen, EXCLUDED.last_seen),
         event_count = unknown_references.event_count + EXCLUDED.event_count`,
      [
        siteId,
        keys.map((k) => k.split(':')[0]),
        keys.map((k) => k.slice(k.indexOf(':') + 1)),
        keys.map((k) => agg.get(k)!.first),
        keys.map((k) => agg.get(k)!.last),
        keys.map((k) => agg.get(k)!.count),
      ],
    );
  }
}
