import {
  AnyHallEvent,
  CHECK_RESULTS,
  COMPLAINT_SOURCES,
  EVENT_TYPES,
  EventDataMap,
  EventType,
  LEAVE_REASONS,
  MAX_FUTURE_SKEW_MS,
  PLATFORM_CHANGES,
  REVIEW_CHANNELS,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_OUTCOMES,
} from './events';

export type FieldRule =
  | { kind: 'code'; optional?: boolean } // an identifier such as a ticket, window or staff code
  | { kind: 'text'; max: number; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'rating'; optional?: boolean }
  | { kind: 'bool'; optional?: boolean }
  | { kind: 'phone'; optional?: boolean }
  | { kind: 'time'; optional?: boolean }; // an instant, ISO-8601 with an offset

const code = { kind: 'code' } as const;
const optCode = { kind: 'code', optional: true } as const;
const optTime = { kind: 'time', optional: true } as const;

const DATA_RULES: Record<EventType, Record<string, FieldRule>> = {
  'ticket.issued': {
    ticket: code,
    department: code,
    serviceItem: optCode,
    channel: { kind: 'enum', values: TICKET_CHANNELS },
  },
  'ticket.called': { ticket: code, window: code },
  'ticket.started': { ticket: code, window: code, staff: code },
  'ticket.completed': {
    ticket: code,
    window: code,
    staff: code,
    outcome: { kind: 'enum', values: TICKET_OUTCOMES },
  },
  'ticket.no_show': { ticket: code, window: code },
  'ticket.transferred': { ticket: code, fromWindow: code, toDepartment: code },
  'staff.signed_in': { staff: code, window: code },
  'staff.signed_out': { staff: code, window: code },
  'staff.left_post': { staff: code, window: code, reason: { kind: 'enum', values: LEAVE_REASONS } },
  'staff.returned': { staff: code, window: code },
  'review.submitted': {
    rating: { kind: 'rating' },
    channel: { kind: 'enum', values: REVIEW_CHANNELS },
    department: code,
    ticket: optCode,
    window: optCode,
    staff: optCode,
    comment: { kind: 'text', max: 2000, optional: true },
    realName: { kind: 'bool', optional: true },
    phone: { kind: 'phone', optional: true },
  },
  'complaint.received': {
    source: { kind: 'enum', values: COMPLAINT_SOURCES },
    summary: { kind: 'text', max: 2000 },
    department: optCode,
    window: optCode,
    staff: optCode,
    phone: { kind: 'phone', optional: true },
    workOrder: optCode,
    signBy: optTime,
    closeBy: optTime,
  },
  'complaint.platform_updated': {
    workOrder: code,
    change: { kind: 'enum', values: PLATFORM_CHANGES },
    signBy: optTime,
    closeBy: optTime,
    note: { kind: 'text', max: 2000, optional: true },
  },
  'round.started': { round: code, patroller: code },
  'round.completed': { round: code, patroller: code },
  'round.check': {
    round: code,
    checkpoint: code,
    result: { kind: 'enum', values: CHECK_RESULTS },
    department: optCode,
    window: optCode,
    note: { kind: 'text', max: 2000, optional: true },
    severity: { kind: 'enum', values: SEVERITIES, optional: true },
    code: optCode,
  },
};

/** Each type's data fields and their rules, as the validator applies them (the API document is drawn from them). */
export const EVENT_DATA_RULES: Readonly<Record<EventType, Readonly<Record<string, FieldRule>>>> = DATA_RULES;

type Problem = readonly [field: string, reason: string] | null;

/** The time limits in order: an order is signed for before it is closed. */
function limitsInOrder(d: { signBy?: string; closeBy?: string }): Problem {
  if (d.signBy && d.closeBy && Date.parse(d.closeBy) < Date.parse(d.signBy)) return ['closeBy', 'must not be earlier than signBy'];
  return null;
}

/**
 * Rules between the fields of one type, checked once each field passed its own rule; the
 * field named is the one to change.
 */
const CROSS_RULES: { [T in EventType]?: (data: EventDataMap[T]) => Problem } = {
  'complaint.received': limitsInOrder,
  'complaint.platform_updated': (d) => {
    const moves = d.change === 'extended' || d.change === 'reopened';
    if (d.change === 'extended' && !d.signBy && !d.closeBy) return ['closeBy', 'is required when change is extended (or give signBy)'];
    if (!moves && d.signBy) return ['signBy', `is given only when change is extended or reopened, not ${d.change}`];
    if (!moves && d.closeBy) return ['closeBy', `is given only when change is extended or reopened, not ${d.change}`];
    return limitsInOrder(d);
  },
};

const crossCheck = <T extends EventType>(type: T, data: EventDataMap[T]): Problem => CROSS_RULES[type]?.(data) ?? null;

export type ValidationOutcome =
  { ok: true; event: AnyHallEvent; occurredAt: Date } | { ok: false; id: string | null; field: string; reason: string };

// ISO-8601 with an explicit offset: a device clock without a zone is ambiguous in a
// hall that may sit in any province's time zone.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CODE = /^[\p{L}\p{N}_.:/#-]{1,64}$/u;
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

/** The forms of a time, a code and a phone number, for the API document to state them. */
export const EVENT_FIELD_PATTERNS = { time: ISO_WITH_OFFSET, code: CODE, phone: PHONE } as const;

/**
 * Text PostgreSQL cannot store as it was sent: it refuses NUL, and UTF-8 has no form for a lone
 * UTF-16 surrogate (JSON.parse keeps "\ud800" as one; the driver would write U+FFFD instead, so
 * two different ids could become one). Such text is refused, never rewritten.
 */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must be valid text: it holds a NUL character (\\u0000)';
  if (/\p{Cs}/u.test(value)) return 'must be valid text: it holds an unpaired UTF-16 surrogate (a \\ud800–\\udfff escape without its pair)';
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkField(rule: FieldRule, value: unknown): string | null {
  if (value === undefined || value === null) return rule.optional ? null : 'is required';
  switch (rule.kind) {
    case 'code':
      if (typeof value !== 'string') return 'must be a string';
      return CODE.test(value) ? null : 'must be 1–64 letters, digits or _.:-/# without spaces';
    case 'text':
      if (typeof value !== 'string') return 'must be a string';
      if (value.trim().length === 0) return 'must not be empty';
      return unstorableText(value) ?? (value.length <= rule.max ? null : `must be at most ${rule.max} characters`);
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) return `must be one of ${rule.values.join(', ')}`;
      return null;
    case 'rating':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5 ? null : 'must be an integer from 1 to 5';
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'phone':
      if (typeof value !== 'string') return 'must be a string';
      return PHONE.test(value) ? null : 'must be 6–20 digits, optionally with + - or spaces';
    case 'time':
      if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value))
        return 'must be an ISO-8601 time with an offset, e.g. 2024-07-15T17:30:00+08:00';
      return Number.isNaN(Date.parse(value)) ? 'is not a real date and time' : null;
  }
}

export function validateEvent(input: unknown, now: Date = new Date()): ValidationOutcome {
  if (!isObject(input)) return { ok: false, id: null, field: 'event', reason: 'must be a JSON object' };
  const id = typeof input.id === 'string' ? input.id : null;
  const fail = (field: string, reason: string): ValidationOutcome => ({ ok: false, id, field, reason });

  if (typeof input.id !== 'string' || input.id.length < 1 || input.id.length > 64) return fail('id', 'must be a string of 1–64 characters');
  const badId = unstorableText(input.id);
  if (badId) return fail('id', badId);
  if (typeof input.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(input.type))
    return fail('type', `must be one of ${EVENT_TYPES.join(', ')}`);
  if (typeof input.occurredAt !== 'string' || !ISO_WITH_OFFSET.test(input.occurredAt))
    return fail('occurredAt', 'must be an ISO-8601 time with an offset, e.g. 2024-07-15T09:30:00+08:00');
  const occurredAt = new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) return fail('occurredAt', 'is not a real date and time');
  if (occurredAt.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS)
    return fail('occurredAt', 'is more than 5 minutes in the future; check the device clock');
  if (!isObject(input.data)) return fail('data', 'must be an object');

  const rules = DATA_RULES[input.type as EventType];
  const data = input.data;
  for (const [name, rule] of Object.entries(rules)) {
    const problem = checkField(rule, data[name]);
    if (problem) return fail(`data.${name}`, problem);
  }
  for (const name of Object.keys(data)) {
    if (!(name in rules)) return fail(`data.${name}`, `is not a field of ${input.type}`);
  }
  const clean: Record<string, unknown> = {};
  for (const name of Object.keys(rules)) if (data[name] !== undefined && data[name] !== null) clean[name] = data[name];
  const event = { id: input.id, type: input.type, occurredAt: input.occurredAt, data: clean } as unknown as AnyHallEvent;
  const crossed = crossCheck(event.type, event.data);
  if (crossed) return fail(`data.${crossed[0]}`, crossed[1]);
  return { ok: true, event, occurredAt };
}
