import { TicketStatus } from './ticket.entity';

// The rows of the projections' SQL, one interface per statement, named as the SQL names its columns.

/** A ticket's row with its waits as [seq, department, wait_from, called_at, abandoned] (readLives). */
export interface LifeRow {
  day: string;
  ticket: string;
  status: TicketStatus;
  department: string | null;
  channel: string | null;
  service_item: string | null;
  issued_at: Date | null;
  wait_from: Date | null;
  first_called_at: Date | null;
  last_called_at: Date | null;
  call_count: number;
  window: string | null;
  staff: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  outcome: string | null;
  transfer_count: number;
  event_count: number;
  last_event_at: Date | null;
  last_event_type: string | null;
  last_event_id: string | null;
  waits: Array<[number, string | null, string, string | null, boolean]> | null;
}

/** A stored ticket event with the ticket it belongs to (readTicketEvents). */
export interface TicketEventRow {
  id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  day: string;
  ticket: string;
}

/** A ticket the batch found already stored (claimLives). */
export interface ClaimedTicketRow {
  day: string;
  ticket: string;
}

/** A stored ticket or staff event, in the order a rebuild replays them (rebuildProjections). */
export interface ReplayEventRow {
  id: string;
  type: string;
  occurred_at: Date;
  day: string;
  data: Record<string, unknown>;
}
