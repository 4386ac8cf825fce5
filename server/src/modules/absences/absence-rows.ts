import type { AbsenceKind } from '@hallwatch/shared';

// The rows of the register's raw SQL (docs/raw-sql.md).

/** An approved entry's cover, as the indicators read it. */
export interface CoverRow {
  id: string;
  staff: string;
  kind: AbsenceKind;
  starts_at: Date;
  until: Date;
}

/** A departure from a window (`staff.left_post`) with when the staff member next came back or left. */
export interface DepartureRow {
  staff: string;
  window: string | null;
  reason: string | null;
  left_at: Date;
  /** The staff member's next event of the day (returned, signed out or in, left again); null if none yet. */
  ended_at: Date | null;
  service_day: string;
}

export interface OverlapRow {
  id: string;
  kind: AbsenceKind;
  starts_at: Date;
  ends_at: Date;
  state: string;
}
