import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { ABSENCE_EARLY_LEAVE_MIN } from '@hallwatch/shared';
import { AbsenceRegisterSource, RegisterEntryFact } from '../indicators/absence-register';
import { Site } from '../registry/site.entity';
import { CoverRow } from './absence-rows';

/**
 * The register's approved entries for the wall's snapshot: those that can cover a departure up to
 * now (starting at most the early-leave margin ahead) and whose cover reaches into the roster
 * look-back. A site has a few dozen such entries at most.
 */
export const ABSENCE_REGISTER_SOURCE: AbsenceRegisterSource = {
  async entries(em: EntityManager, site: Site, now: Date, lookBackDays: number): Promise<RegisterEntryFact[]> {
    const rows = await queryRows<CoverRow>(
      em,
      `SELECT id, staff, kind, starts_at, LEAST(ends_at, COALESCE(returned_at, ends_at)) AS until
         FROM absence_entries
        WHERE site_id = $1 AND state = 'approved'
          AND starts_at <= $2::timestamptz + make_interval(mins => $3)
          AND LEAST(ends_at, COALESCE(returned_at, ends_at)) >= $2::timestamptz - make_interval(days => $4)`,
      [site.id, now, ABSENCE_EARLY_LEAVE_MIN, lookBackDays],
    );
    return rows.map((r) => ({ id: r.id, staff: r.staff, kind: r.kind, from: new Date(r.starts_at), until: new Date(r.until) }));
  },
};
