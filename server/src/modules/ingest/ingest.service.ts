import { EventResult } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { maskPhone, PhoneCipher } from '../../core/privacy/phone-cipher';
import { serviceDay } from '../../core/time/service-day';
import { Projector, ProjectionChange, NewEvent } from '../projections/projector';
import { eventRefs, RefKind } from '../projections/reference-check';
import { Site } from '../registry/site.entity';
import { checkBatch } from './ingest-batch';
import { IngestListener } from './ingest-listener';

export interface IngestOutcome {
  results: EventResult[];
  change: ProjectionChange | null;
}

const REF_TABLES: Record<RefKind, string> = { department: 'departments', window: 'windows', staff: 'staff' };

@Injectable()
export class IngestService {
  private readonly projector: Projector;

  constructor(
    private readonly ds: DataSource,
    config: AppConfig,
    private readonly listener: IngestListener,
  ) {
    this.projector = new Projector(new PhoneCipher(config.PHONE_SECRET));
  }

  async ingest(site: Site, items: unknown[], now = new Date()): Promise<IngestOutcome> {
    const { results, valid } = checkBatch(items, now);
    if (valid.length === 0) return { results: results as EventResult[], change: null };

    const change = await this.ds.transaction(async (em) => {
      const unknown = await this.unknownRefs(
        em,
        site.id,
        valid.map((v) => v.event),
      );
      const rows = valid.map((v) => {
        const data = { ...(v.event.data as Record<string, unknown>) };
        // The raw event keeps only the mask; the projection holds the ciphertext.
        if (typeof data.phone === 'string') data.phone = maskPhone(data.phone);
        const refs = eventRefs(v.event)
          .filter(([kind, code]) => unknown.has(`${kind}:${code}`))
          .map(([kind, code]) => `${kind}:${code}`);
        return { v, data, day: serviceDay(v.occurredAt, site.timezone), refs };
      });
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO events (site_id, id, type, occurred_at, service_day, ticket, data, unknown_refs)
         SELECT $1, id, type, occurred_at, day, ticket, data, CASE WHEN refs = '' THEN '{}'::text[] ELSE string_to_array(refs, ' ') END
         FROM unnest($2::varchar[], $3::varchar[], $4::timestamptz[], $5::date[], $6::varchar[], $7::jsonb[], $8::text[])
           AS u(id, type, occurred_at, day, ticket, data, refs)
         ON CONFLICT (site_id, id) DO NOTHING RETURNING id`,
        [
          site.id,
          rows.map((r) => r.v.event.id),
          rows.map((r) => r.v.event.type),
          rows.map((r) => r.v.occurredAt),
          rows.map((r) => r.day),
          rows.map((r) => (r.v.event.type.startsWith('ticket.') ? (r.v.event.data as { ticket: string }).ticket : null)),
          rows.map((r) => JSON.stringify(r.data)),
          rows.map((r) => r.refs.join(' ')),
        ],
      );
      const fresh = new Set(inserted.map((r) => r.id));
      for (const r of rows) results[r.v.index] = { id: r.v.event.id, status: fresh.has(r.v.event.id) ? 'accepted' : 'duplicate' };
      const newRows = rows.filter((r) => fresh.has(r.v.event.id));
      await this.recordUnknown(
        em,
        site.id,
        newRows.flatMap((r) => r.refs.map((ref) => ({ ref, at: r.v.occurredAt }))),
      );
      const newEvents: NewEvent[] = newRows.map((r) => ({ event: r.v.event, occurredAt: r.v.occurredAt, serviceDay: r.day }));
      const projected = await this.projector.apply(em, site.id, newEvents);
      await this.listener.beforeCommit({ em, site, events: newEvents });
      return projected;
    });
    // Only after the commit: listeners must never publish what could still roll back.
    this.listener.afterCommit(site, change);
    return { results: results as EventResult[], change };
  }

  private async unknownRefs(
    em: { query: (sql: string, params: unknown[]) => Promise<Array<{ code: string }>> },
    siteId: string,
    events: Parameters<typeof eventRefs>[0][],
  ): Promise<Set<string>> {
    const wanted: Record<RefKind, Set<string>> = { department: new Set(), window: new Set(), staff: new Set() };
    for (const e of events) for (const [kind, code] of eventRefs(e)) wanted[kind].add(code);
    const unknown = new Set<string>();
    for (const kind of Object.keys(wanted) as RefKind[]) {
      const codes = [...wanted[kind]];
      if (!codes.length) continue;
      const known = await em.query(`SELECT code FROM ${REF_TABLES[kind]} WHERE site_id = $1 AND code = ANY($2::varchar[])`, [
        siteId,
        codes,
      ]);
      const knownSet = new Set(known.map((k) => k.code));
      for (const c of codes) if (!knownSet.has(c)) unknown.add(`${kind}:${c}`);
    }
    return unknown;
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
