// The device event contract of docs/contracts/device-events.md. Field rules live here so that the server's
// validator, the simulator and the tests read one definition.

export const EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.started',
  'ticket.completed',
  'ticket.no_show',
  'ticket.transferred',
  'staff.signed_in',
  'staff.signed_out',
  'staff.left_post',
  'staff.returned',
  'review.submitted',
  'complaint.received',
  'complaint.platform_updated',
  'round.started',
  'round.completed',
  'round.check',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A patrol round's events: recorded only by a signed-in account on the patrol page, never
 * posted with a device key (a key could otherwise walk a round in anyone's name).
 */
export const PATROL_EVENT_TYPES = ['round.started', 'round.check', 'round.completed'] as const satisfies readonly EventType[];

/** Who delivers a batch: a device key, or the patrol page under a signed-in account. */
export type EventSender = 'device' | 'patrol';

export const TICKET_CHANNELS = ['walk_in', 'appointment', 'green_channel'] as const;
export const TICKET_OUTCOMES = ['done', 'rejected', 'need_materials'] as const;
export const LEAVE_REASONS = ['break', 'official_business', 'meeting', 'unregistered'] as const;
export const REVIEW_CHANNELS = ['pad', 'app', 'sms', 'qr', 'web', 'hotline'] as const;
export const COMPLAINT_SOURCES = ['hotline_12345', 'complaint_book', 'onsite', 'web'] as const;
/**
 * What the platform that sent a complaint's work order later did to it: `extended` its time
 * limits (延期), `withdrawn` it (撤单), `closed` it (办结归档), or `reopened` it (重办).
 */
export const PLATFORM_CHANGES = ['extended', 'withdrawn', 'closed', 'reopened'] as const;
export type PlatformChange = (typeof PLATFORM_CHANGES)[number];
export const CHECK_RESULTS = ['ok', 'finding'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

export interface EventDataMap {
  'ticket.issued': {
    ticket: string;
    department: string;
    serviceItem?: string;
    channel: (typeof TICKET_CHANNELS)[number];
  };
  'ticket.called': { ticket: string; window: string };
  'ticket.started': { ticket: string; window: string; staff: string };
  'ticket.completed': {
    ticket: string;
    window: string;
    staff: string;
    outcome: (typeof TICKET_OUTCOMES)[number];
  };
  'ticket.no_show': { ticket: string; window: string };
  'ticket.transferred': { ticket: string; fromWindow: string; toDepartment: string };
  'staff.signed_in': { staff: string; window: string };
  'staff.signed_out': { staff: string; window: string };
  'staff.left_post': { staff: string; window: string; reason: (typeof LEAVE_REASONS)[number] };
  'staff.returned': { staff: string; window: string };
  'review.submitted': {
    rating: 1 | 2 | 3 | 4 | 5;
    channel: (typeof REVIEW_CHANNELS)[number];
    department: string;
    ticket?: string;
    window?: string;
    staff?: string;
    comment?: string;
    realName?: boolean;
    phone?: string;
  };
  'complaint.received': {
    source: (typeof COMPLAINT_SOURCES)[number];
    summary: string;
    department?: string;
    window?: string;
    staff?: string;
    phone?: string;
    /** The platform's work order number (工单号), e.g. the 12345 hotline's. */
    workOrder?: string;
    /** The platform's time limits, ISO-8601 with an offset: to sign for the order (签收时限) and to close it (办结时限). */
    signBy?: string;
    closeBy?: string;
  };
  'complaint.platform_updated': {
    workOrder: string;
    change: PlatformChange;
    /** The new time limits (with `extended` or `reopened`). */
    signBy?: string;
    closeBy?: string;
    note?: string;
  };
  'round.started': { round: string; patroller: string };
  'round.completed': { round: string; patroller: string };
  'round.check': {
    round: string;
    checkpoint: string;
    result: (typeof CHECK_RESULTS)[number];
    department?: string;
    window?: string;
    note?: string;
    severity?: (typeof SEVERITIES)[number];
    /** The code posted at the checkpoint, scanned or typed on site. */
    code?: string;
  };
}

export interface HallEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventDataMap[T];
}

export type AnyHallEvent = { [K in EventType]: HallEvent<K> }[EventType];

export type EventResult =
  | { id: string | null; status: 'accepted' }
  | { id: string | null; status: 'duplicate' }
  | { id: string | null; status: 'rejected'; field: string; reason: string };

export interface IngestResponse {
  results: EventResult[];
}

export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
