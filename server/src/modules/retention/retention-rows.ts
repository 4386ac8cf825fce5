// The rows of the retention module's statements (docs/raw-sql.md).

export interface PhoneSourceRow {
  site_id: string;
  code: string;
  event_id: string;
}

export interface EventMonthRow {
  site_id: string;
  code: string;
  month: string;
  first_day: string;
  last_day: string;
  cutoff_day: string;
  count: number;
}

export interface MarkedMonthRow {
  site_id: string;
  month: string;
}

export interface PhotoRow {
  site_id: string;
  code: string;
  check_event_id: string;
}

export interface ArchivedEventRow {
  id: string;
  type: string;
  occurred_at: Date;
  received_at: Date;
  service_day: string;
  ticket: string | null;
  data: Record<string, unknown>;
  unknown_refs: string[];
}

export interface RunRow {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  trigger: 'job' | 'cli';
  actor: string;
  phones: number;
  events: number;
  photos: number;
  files: string[];
  error: string | null;
}
