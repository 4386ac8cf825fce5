import { DEFAULT_RETENTION_POLICY, RETENTION_MIN_DAYS, type RetentionPolicy } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { RetentionSettings } from './retention-settings.entity';

/** The longest period accepted: a hundred years is "keep", anything longer is a typing slip. */
export const RETENTION_MAX_DAYS = 36_500;

const DAY_FIELDS = ['phoneDays', 'eventDays', 'photoDays'] as const;

const WHY: Record<(typeof DAY_FIELDS)[number], string> = {
  phoneDays: 'the second callback draws closed cases within weeks',
  eventDays:
    'the Cybersecurity Law asks for six months of logs, and the scorecards, absence figures and look-back re-read 13 months of events',
  photoDays: 'a notice and its appeal cite the photo for a quarter',
};

/** The policy after a change: each field given checked on its own, naming the field when refused. */
export function checkedPolicy(current: RetentionPolicy, patch: Record<string, unknown>): RetentionPolicy {
  const next = { ...current };
  for (const field of DAY_FIELDS) {
    const v = patch[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw badField(field, `${field} must be a whole number of days`);
    if (v < RETENTION_MIN_DAYS[field]) throw badField(field, `${field} must be at least ${RETENTION_MIN_DAYS[field]} days: ${WHY[field]}`);
    if (v > RETENTION_MAX_DAYS) throw badField(field, `${field} must be at most ${RETENTION_MAX_DAYS} days`);
    next[field] = v;
  }
  if (patch.eventAction !== undefined) {
    if (patch.eventAction !== 'archive' && patch.eventAction !== 'delete')
      throw badField('eventAction', 'eventAction must be archive or delete');
    next.eventAction = patch.eventAction;
  }
  return next;
}

// One row for the deployment; no row reads as the defaults, so a fresh database needs no seeding.
@Injectable()
export class RetentionPolicyService {
  constructor(private readonly ds: DataSource) {}

  async get(): Promise<{ policy: RetentionPolicy; updatedAt: Date | null; updatedBy: string | null }> {
    const row = await this.ds.getRepository(RetentionSettings).findOneBy({ id: 1 });
    if (!row) return { policy: { ...DEFAULT_RETENTION_POLICY }, updatedAt: null, updatedBy: null };
    const policy: RetentionPolicy = {
      phoneDays: row.phoneDays,
      eventDays: row.eventDays,
      eventAction: row.eventAction === 'delete' ? 'delete' : 'archive',
      photoDays: row.photoDays,
    };
    return { policy, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }

  async update(by: Actor, patch: Record<string, unknown>, now: Date): Promise<RetentionPolicy> {
    const { policy: current } = await this.get();
    const next = checkedPolicy(current, patch);
    await this.ds.transaction(async (em) => {
      await em.getRepository(RetentionSettings).save({ id: 1, ...next, updatedAt: now, updatedBy: by.actor });
      await recordAudit(em, { action: 'retention.policy.set', by, target: 'retention', at: now, details: { from: current, to: next } });
    });
    return next;
  }
}
