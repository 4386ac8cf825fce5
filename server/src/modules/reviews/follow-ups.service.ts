import type { FollowUpCaseView, FollowUpListView, PhoneRevealView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { PhoneCipher } from '../../core/privacy/phone-cipher';
import { Clock } from '../../core/time/clock';
import { Site } from '../registry/site.entity';
import { recordClosure } from './callback-draws';
import { CASE_SELECT, caseActions, CaseRow, caseView, latestAppeals, OPEN_CASE, platformUpdates } from './follow-up-views';
import type { Actor } from '../audit/actor';
import { auditEntry, recordAudit } from '../audit/audit-log';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import type { DomainEvents } from '../domain-events/domain-events';
import { addDays, zonedInstant } from '../../core/time/zoned-time';
import { outsideDepartment, owns } from '../../core/auth/refusal';

export const CASE_FILTERS = ['open', 'overdue', 'closed', 'all'] as const;
export type CaseFilter = (typeof CASE_FILTERS)[number];

const FILTER_SQL: Record<CaseFilter, string> = {
  open: OPEN_CASE,
  overdue: `${OPEN_CASE} AND (c.contact_overdue_at IS NOT NULL OR c.resolve_overdue_at IS NOT NULL)`,
  closed: `c.status IN ('closed', 'withdrawn')`,
  all: 'true',
};

const DONE = new Set(['closed', 'withdrawn']);

/** Closing a case closes its source as the live indicators count it (reviews.bad.open, complaints.open). */
export async function closeSource(em: EntityManager, c: Pick<CaseRow, 'site_id' | 'kind' | 'source_id'>, at: Date): Promise<void> {
  if (c.kind === 'review')
    await em.query(`UPDATE reviews SET follow_up_open = false WHERE site_id = $1 AND event_id = $2`, [c.site_id, c.source_id]);
  else
    await em.query(`UPDATE complaints SET closed_at = $3 WHERE site_id = $1 AND event_id = $2 AND closed_at IS NULL`, [
      c.site_id,
      c.source_id,
      at,
    ]);
}

@Injectable()
export class FollowUpsService {
  private readonly cipher: PhoneCipher;
  private readonly drawSecret: string;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly events: DomainEventBus<DomainEvents>,
    config: AppConfig,
  ) {
    this.cipher = new PhoneCipher(config.PHONE_SECRET);
    this.drawSecret = config.PHONE_SECRET;
  }

  /**
   * Cases to work on come most urgent first; closed ones newest first. `opened` limits them to
   * cases opened on those hall-local days (the ledger export of a period). `scope` is the
   * caller's own department (a department account): the list never goes beyond it, whatever
   * `department` asks for.
   */
  async list(
    site: Site,
    filter: CaseFilter,
    department: string | null,
    opened: { from: string; to: string } | null = null,
    limit = 1000,
    scope?: string,
  ): Promise<FollowUpListView> {
    const order = filter === 'open' || filter === 'overdue' ? 'c.resolve_due_at, c.id' : 'c.opened_at DESC, c.id';
    const rows: CaseRow[] = await this.ds.query(
      `${CASE_SELECT} WHERE c.site_id = $1 AND ${FILTER_SQL[filter]} AND ($2::text IS NULL OR c.department = $2)
         AND ($3::timestamptz IS NULL OR c.opened_at >= $3) AND ($4::timestamptz IS NULL OR c.opened_at < $4)
         AND ($6::text IS NULL OR c.department = $6)
       ORDER BY ${order} LIMIT $5`,
      [
        site.id,
        department,
        opened ? zonedInstant(opened.from, '00:00', site.timezone) : null,
        opened ? zonedInstant(addDays(opened.to, 1), '00:00', site.timezone) : null,
        limit,
        scope ?? null,
      ],
    );
    const appeals = await latestAppeals(
      this.ds.manager,
      site.id,
      rows.filter((r) => r.kind === 'review').map((r) => r.source_id),
    );
    return {
      site: site.code,
      asOf: this.clock.now().toISOString(),
      cases: rows.map((r) => caseView(r, r.kind === 'review' ? (appeals.get(r.source_id) ?? null) : null)),
    };
  }

  async get(site: Site, id: string, scope?: string): Promise<FollowUpCaseView> {
    const row = await this.row(this.ds.manager, site, id, false, scope);
    const appeals = row.kind === 'review' ? await latestAppeals(this.ds.manager, site.id, [row.source_id]) : new Map();
    const updates =
      row.kind === 'complaint' && row.work_order ? await platformUpdates(this.ds.manager, site.id, row.work_order) : undefined;
    return caseView(row, appeals.get(row.source_id) ?? null, await caseActions(this.ds.manager, row.id), updates);
  }

  /** A call to the citizen; only a call that reached them counts as the first contact. */
  async contact(
    site: Site,
    id: string,
    who: Actor,
    input: { note?: string | null; reached: boolean },
    scope?: string,
  ): Promise<FollowUpCaseView> {
    return this.act(site, id, who, scope, 'follow-up.contact', async (em, c, now) => {
      await this.addAction(em, c.id, 'contact', now, who, input.note ?? null, input.reached);
      if (!input.reached || c.first_contact_at) return;
      await em.query(
        `UPDATE follow_up_cases SET first_contact_at = $2, status = CASE WHEN status = 'awaiting_contact' THEN 'in_progress' ELSE status END,
           updated_at = $2 WHERE id = $1`,
        [c.id, now],
      );
    });
  }

  /** The department's fix or explanation. */
  async resolve(site: Site, id: string, who: Actor, input: { note: string }, scope?: string): Promise<FollowUpCaseView> {
    return this.act(site, id, who, scope, 'follow-up.resolution', async (em, c, now) => {
      await this.addAction(em, c.id, 'resolution', now, who, input.note, null);
      await em.query(
        `UPDATE follow_up_cases SET resolved_at = COALESCE(resolved_at, $2), status = 'awaiting_confirmation', updated_at = $2 WHERE id = $1`,
        [c.id, now],
      );
    });
  }

  /**
   * The confirming call closes the case (and the review's or complaint's follow-up with it). The
   * closure is recorded for 回访核实 and may be drawn for a second callback there and then.
   */
  async confirm(site: Site, id: string, who: Actor, input: { note?: string | null; satisfied: boolean }): Promise<FollowUpCaseView> {
    return this.act(site, id, who, undefined, 'follow-up.confirmation', async (em, c, now) => {
      if (!c.resolved_at) throw new ConflictException('Record the fix or explanation before the confirming call');
      await this.addAction(em, c.id, 'confirmation', now, who, input.note ?? null, input.satisfied);
      await em.query(
        `UPDATE follow_up_cases SET closed_at = $2, first_contact_at = COALESCE(first_contact_at, $2), status = 'closed', updated_at = $2
         WHERE id = $1`,
        [c.id, now],
      );
      await closeSource(em, c, now);
      const drawn = await recordClosure(em, site, this.drawSecret, {
        caseId: c.id,
        department: c.department,
        handler: who.actor,
        closedAt: now,
        disproved: c.disproved !== null,
      });
      return drawn ? { callbackDraw: drawn } : {};
    });
  }

  /**
   * 退单: the desk sends a complaint's work order back to its platform, with the reason. The case
   * stays open, marked as waiting for the platform, until the platform closes or withdraws the order
   * (which closes the case) or sends it back to be handled (重办), after which it may be returned again.
   */
  async returnOrder(site: Site, id: string, who: Actor, input: { reason: string }): Promise<FollowUpCaseView> {
    return this.act(site, id, who, undefined, 'follow-up.return', async (em, c, now) => {
      if (c.kind !== 'complaint' || !c.work_order)
        throw new ConflictException('Only a complaint that came as a platform work order (with a work order number) can be returned');
      if (c.awaiting_platform)
        throw new ConflictException(`Work order ${c.work_order} was already returned and the platform has not answered yet`);
      await this.addAction(em, c.id, 'return', now, who, input.reason, null);
      await em.query(`UPDATE follow_up_cases SET returned_at = $2, returned_by = $3, return_reason = $4, updated_at = $2 WHERE id = $1`, [
        c.id,
        now,
        who.actor,
        input.reason,
      ]);
      return { workOrder: c.work_order, reason: input.reason };
    });
  }

  /**
   * The citizen's full number, for the person about to call; every reveal is audited, with what it
   * was for (`context`). `scope`: the caller's own department, beyond which no number is shown.
   */
  async revealPhone(site: Site, id: string, who: Actor, context: Record<string, unknown> = {}, scope?: string): Promise<PhoneRevealView> {
    return this.ds.transaction(async (em) => {
      const c = await this.row(em, site, id, false, scope);
      if (!c.phone_enc) throw new NotFoundException('No phone number was recorded with this review or complaint');
      const phone = this.cipher.decrypt(c.phone_enc);
      const auditId = await auditEntry(em, {
        by: who,
        at: this.clock.now(),
        action: 'phone.reveal',
        site: site.code,
        target: `follow-up:${c.id}`,
        details: { kind: c.kind, sourceId: c.source_id, masked: c.phone_masked, ...context },
      });
      return { caseId: c.id, phone, auditId };
    });
  }

  private async act(
    site: Site,
    id: string,
    who: Actor,
    scope: string | undefined,
    action: string,
    // What the change adds to its audit entry (a closure drawn for a second callback, say).
    change: (em: EntityManager, c: CaseRow, now: Date) => Promise<void | Record<string, unknown>>,
  ): Promise<FollowUpCaseView> {
    await this.ds.transaction(async (em) => {
      const c = await this.row(em, site, id, true, scope);
      if (DONE.has(c.status)) throw new ConflictException(`The follow-up is already ${c.status}`);
      const now = this.clock.now();
      const extra = await change(em, c, now);
      await recordAudit(em, {
        by: who,
        at: now,
        action,
        site: site.code,
        target: `follow-up:${c.id}`,
        details: { kind: c.kind, sourceId: c.source_id, ...extra },
      });
      await this.events.emitInOrder('reviews.changing', { em, siteId: site.id, days: [c.source_day] });
    });
    this.events.emit('reviews.changed', { siteIds: [site.id] });
    // A closure takes its case out of the open counts on the wall at once, not at the next refresh,
    // and a first contact clears the new 差评's line.
    this.events.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'follow-ups' });
    return this.get(site, id, scope);
  }

  private async addAction(
    em: EntityManager,
    caseId: string,
    kind: string,
    at: Date,
    who: Actor,
    note: string | null,
    outcome: boolean | null,
  ) {
    await em.query(`INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome) VALUES ($1, $2, NULL, $3, $4, $5, $6)`, [
      caseId,
      kind,
      at,
      who.actor,
      note,
      outcome,
    ]);
  }

  /** The case; one of another department than `scope` (a department account's own) is answered as missing. */
  private async row(em: EntityManager, site: Site, id: string, lock = false, scope?: string): Promise<CaseRow> {
    const rows: CaseRow[] = await em.query(`${CASE_SELECT} WHERE c.site_id = $1 AND c.id::text = $2 ${lock ? 'FOR UPDATE OF c' : ''}`, [
      site.id,
      id,
    ]);
    const missing = `No follow-up case "${id}" at site ${site.code}`;
    if (!rows.length) throw new NotFoundException(missing);
    if (!owns(scope, rows[0].department))
      throw outsideDepartment(missing, `follow-up ${rows[0].id} belongs to department "${rows[0].department ?? '-'}", not "${scope}"`);
    return rows[0];
  }
}
