import {
  EVENT_DATA_RULES,
  EVENT_FIELD_PATTERNS,
  EVENT_TYPES,
  EventType,
  FieldRule,
  MAX_EVENTS_PER_BATCH,
  PATROL_EVENT_TYPES,
} from '@hallwatch/shared';

/** A JSON schema of OpenAPI 3.1 (JSON Schema 2020-12), loose: nest's own types know 3.0 only. */
type SchemaObject = Record<string, unknown>;

// The device event contract (docs/contracts/device-events.md) as JSON schemas, drawn from the
// rules the validator applies (shared/src/event-validation.ts), so that the document cannot say
// other than what the server checks.

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
export const eventSchemaName = (type: EventType): string => `Event_${type.replace('.', '_')}`;

/** Only the regular expression's source: JSON Schema patterns are ECMA-262 with Unicode semantics. */
const pattern = (re: RegExp): string => re.source;

function fieldSchema(rule: FieldRule): SchemaObject {
  switch (rule.kind) {
    case 'code':
      return {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: pattern(EVENT_FIELD_PATTERNS.code),
        description: 'A registry code: 1–64 letters, digits or _.:-/# without spaces',
      };
    case 'text':
      return {
        type: 'string',
        minLength: 1,
        maxLength: rule.max,
        description: `Text, not blank, at most ${rule.max} characters; no NUL and no unpaired surrogate`,
      };
    case 'enum':
      return { type: 'string', enum: [...rule.values] };
    case 'rating':
      return { type: 'integer', minimum: 1, maximum: 5, description: '1 (very bad) to 5 (very good)' };
    case 'bool':
      return { type: 'boolean' };
    case 'phone':
      return {
        type: 'string',
        pattern: pattern(EVENT_FIELD_PATTERNS.phone),
        description: "A citizen's phone: 6–20 digits, optionally with + - or spaces (stored encrypted)",
      };
    case 'time':
      return { type: 'string', format: 'date-time', pattern: pattern(EVENT_FIELD_PATTERNS.time), description: 'ISO-8601 with an offset' };
  }
}

const EXAMPLE_DATA: Record<EventType, Record<string, unknown>> = {
  'ticket.issued': { ticket: 'A023', department: 'gjj', channel: 'walk_in' },
  'ticket.called': { ticket: 'A023', window: 'W07' },
  'ticket.started': { ticket: 'A023', window: 'W07', staff: 'S0107' },
  'ticket.completed': { ticket: 'A023', window: 'W07', staff: 'S0107', outcome: 'done' },
  'ticket.no_show': { ticket: 'A023', window: 'W07' },
  'ticket.transferred': { ticket: 'A023', fromWindow: 'W07', toDepartment: 'yb' },
  'staff.signed_in': { staff: 'S0107', window: 'W07' },
  'staff.signed_out': { staff: 'S0107', window: 'W07' },
  'staff.left_post': { staff: 'S0107', window: 'W07', reason: 'break' },
  'staff.returned': { staff: 'S0107', window: 'W07' },
  'review.submitted': { rating: 5, channel: 'pad', department: 'gjj', ticket: 'A023', window: 'W07', staff: 'S0107' },
  'complaint.received': {
    source: 'hotline_12345',
    summary: '窗口工作人员态度生硬',
    department: 'gjj',
    workOrder: '2024071500123',
    signBy: '2024-07-16T09:30:00+08:00',
    closeBy: '2024-07-22T17:30:00+08:00',
  },
  'complaint.platform_updated': { workOrder: '2024071500123', change: 'extended', closeBy: '2024-07-26T17:30:00+08:00' },
  'round.started': { round: 'r-0900', patroller: 'zhang.wei' },
  'round.completed': { round: 'r-0900', patroller: 'zhang.wei' },
  'round.check': { round: 'r-0900', checkpoint: 'cp-gjj', result: 'ok', code: 'K7Q2' },
};

const PATROL_ONLY = new Set<string>(PATROL_EVENT_TYPES);

function eventSchema(type: EventType): SchemaObject {
  const rules = EVENT_DATA_RULES[type];
  const data: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    required: Object.entries(rules)
      .filter(([, r]) => !r.optional)
      .map(([name]) => name),
    properties: Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, fieldSchema(rule)])),
  };
  return {
    title: type,
    description: PATROL_ONLY.has(type)
      ? `${type}: recorded by the patrol page under a signed-in patrol account; sent with a device key it is rejected (field "type").`
      : type,
    allOf: [ref('EventEnvelope')],
    type: 'object',
    required: ['type', 'data'],
    properties: { type: { type: 'string', enum: [type] }, data },
    example: { id: 'pad-07-000123', type, occurredAt: '2024-07-15T09:30:00+08:00', data: EXAMPLE_DATA[type] },
  };
}

const RESULTS = {
  EventAccepted: {
    type: 'object',
    required: ['id', 'status'],
    properties: { id: { type: ['string', 'null'] }, status: { type: 'string', enum: ['accepted'] } },
    description: 'Durably committed in PostgreSQL before the answer was sent.',
  },
  EventDuplicate: {
    type: 'object',
    required: ['id', 'status'],
    properties: { id: { type: ['string', 'null'] }, status: { type: 'string', enum: ['duplicate'] } },
    description: 'That id was already stored for the site; nothing changed. Do not resend.',
  },
  EventRejected: {
    type: 'object',
    required: ['id', 'status', 'field', 'reason'],
    properties: {
      id: { type: ['string', 'null'], description: 'null when the event had no string id' },
      status: { type: 'string', enum: ['rejected'] },
      field: {
        type: 'string',
        description: 'What was wrong: event (not an object), id, type, occurredAt, data, or data.<name>',
        examples: ['data.rating', 'occurredAt', 'type', 'data.ticket'],
      },
      reason: {
        type: 'string',
        description:
          'What a person must change, in English. The reasons: "is required"; "must be a string"; "must be 1–64 letters, digits or ' +
          '_.:-/# without spaces"; "must not be empty"; "must be at most N characters"; "must be one of …"; "must be an integer from 1 ' +
          'to 5"; "must be true or false"; "must be 6–20 digits, optionally with + - or spaces"; "must be an ISO-8601 time with an ' +
          'offset, e.g. …"; "is not a real date and time"; "is more than 5 minutes in the future; check the device clock"; "is not a ' +
          'field of <type>"; "must be valid text: …" (NUL or an unpaired surrogate); "must not be earlier than signBy"; "is required ' +
          'when change is extended (or give signBy)"; "is given only when change is extended or reopened, not …"; "already_rated" (a ' +
          'second rating of one visit, field data.ticket or data.phone: the event is kept for the record; do not resend); a patrol ' +
          'type sent with a device key (field type). Rejected events are not stored, except already_rated.',
      },
    },
    example: { id: 'pad-07-000124', status: 'rejected', field: 'data.rating', reason: 'must be an integer from 1 to 5' },
  },
} satisfies Record<string, SchemaObject>;

/** Every schema of the event contract, by component name. */
export function eventSchemas(): Record<string, SchemaObject> {
  const types = Object.fromEntries(EVENT_TYPES.map((t) => [eventSchemaName(t), eventSchema(t)]));
  return {
    EventEnvelope: {
      type: 'object',
      required: ['id', 'type', 'occurredAt', 'data'],
      properties: {
        id: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          description:
            'Chosen by the sender: the idempotency key. Within one site an id is stored and counted once; resend with the same id.',
        },
        type: { type: 'string', enum: [...EVENT_TYPES] },
        occurredAt: {
          type: 'string',
          format: 'date-time',
          pattern: pattern(EVENT_FIELD_PATTERNS.time),
          description: 'When it happened in the hall, ISO-8601 with an offset; at most 5 minutes ahead of the server clock',
        },
        data: { type: 'object', description: "The type's own fields (see each Event_* schema)" },
      },
    },
    ...types,
    HallEvent: {
      description: 'One device event: the envelope, and data whose fields depend on type.',
      oneOf: EVENT_TYPES.map((t) => ref(eventSchemaName(t))),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(EVENT_TYPES.map((t) => [t, `#/components/schemas/${eventSchemaName(t)}`])),
      },
    },
    EventBatch: {
      type: 'object',
      required: ['events'],
      additionalProperties: false,
      properties: {
        events: { type: 'array', minItems: 1, maxItems: MAX_EVENTS_PER_BATCH, items: ref('HallEvent') },
      },
    },
    ...RESULTS,
    EventResult: {
      description: 'One per event, in the order sent.',
      oneOf: [ref('EventAccepted'), ref('EventDuplicate'), ref('EventRejected')],
      discriminator: {
        propertyName: 'status',
        mapping: {
          accepted: '#/components/schemas/EventAccepted',
          duplicate: '#/components/schemas/EventDuplicate',
          rejected: '#/components/schemas/EventRejected',
        },
      },
    },
    IngestResponse: {
      type: 'object',
      required: ['results'],
      properties: { results: { type: 'array', items: ref('EventResult') } },
    },
  };
}
