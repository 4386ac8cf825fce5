import type { CallbackDrawReason } from '@hallwatch/shared';
import { createHmac } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { queryOne } from '../../core/database/typed-query';
import { serviceDay } from '../../core/time/service-day';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';

// 回访核实's draw (docs/contracts/reviews.md, "Callbacks verified"). A closure's draw value is a keyed
// digest of the case and the instant it closed, so it is fixed the moment the case closes: nobody
// can draw again until the answer suits them, and whoever holds the server's secret can recompute
// every value and check that exactly the closures below the share were drawn. The handler, who
// does not hold the secret, cannot tell in advance which of their closures will be called back.

const SCALE = 2 ** 48;

/** A closure's draw value in [0, 1). */
export function drawValue(secret: string, caseId: string, closedAt: Date): number {
  const digest = createHmac('sha256', secret).update(`callback-draw\n${caseId}\n${closedAt.toISOString()}`).digest();
  return digest.readUIntBE(0, 6) / SCALE;
}

export interface Closure {
  caseId: string;
  department: string | null;
  handler: string;
  closedAt: Date;
  /** A case whose earlier closure a second callback did not confirm: its new closure is always checked. */
  disproved: boolean;
}

/**
 * Records a closure in the closing transaction, drawn for a second callback when its value falls
 * below the site's share (or always, for a recheck). Returns why it was drawn, or null.
 */
export async function recordClosure(em: EntityManager, site: Site, secret: string, c: Closure): Promise<CallbackDrawReason | null> {
  const share = indicatorSettings(site.settings).callbackSampleShare;
  const value = drawValue(secret, c.caseId, c.closedAt);
  const reason: CallbackDrawReason | null = c.disproved ? 'recheck' : value < share ? 'random' : null;
  const drawnAt = reason ? c.closedAt : null;
  const row = await queryOne<{ id: string }>(
    em,
    `INSERT INTO callback_checks (site_id, case_id, department, handler, closed_at, draw_value, share, drawn_at, drawn_day, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (case_id, closed_at) DO NOTHING RETURNING id`,
    [
      site.id,
      c.caseId,
      c.department,
      c.handler,
      c.closedAt,
      value,
      share,
      drawnAt,
      drawnAt ? serviceDay(drawnAt, site.timezone) : null,
      reason,
    ],
  );
  return row ? reason : null;
}
