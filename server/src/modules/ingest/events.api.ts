import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../core/openapi/api-errors';
import { ApiJson, declareSchemas } from '../../core/openapi/shared-schema';
import { eventSchemas } from './event-schemas';

const ref = declareSchemas(eventSchemas());

const ONE = {
  id: 'pad-07-000123',
  type: 'review.submitted',
  occurredAt: '2024-07-15T09:30:00+08:00',
  data: { rating: 5, channel: 'pad', department: 'gjj', window: 'W07' },
};

/** `POST /api/v1/events`: the contract a device vendor builds against (docs/contracts/device-events.md). */
export const IngestEventsApi = (): MethodDecorator =>
  applyDecorators(
    ApiTags('device events'),
    ApiBearerAuth(),
    ApiOperation({
      summary: 'Post device events (one, or a batch of up to 1,000)',
      description:
        'Authenticated by a device key (`Authorization: Bearer hwk_…`), which names the site: every event is that site’s. ' +
        'Each event is validated on its own: one bad event never costs the good ones of its batch, and nothing is half stored. ' +
        'The answer lists one result per event in the order sent. Resend events that got no answer (timeout, 429, 503) ' +
        'with the same ids: a stored id is answered `duplicate`. Events may arrive late, twice or out of order.',
    }),
    ApiHeader({
      name: 'X-Hallwatch-Signature',
      required: false,
      description: 'Required only when the key was created to require signatures: an HMAC of the exact body bytes (docs/security.md)',
    }),
    ApiBody({
      description: 'One event object, or `{"events": [...]}` with 1–1,000 events',
      required: true,
      schema: { oneOf: [ref('HallEvent'), ref('EventBatch')] },
      examples: {
        one: { summary: 'A single event', value: ONE },
        batch: {
          summary: 'A batch',
          value: {
            events: [
              {
                id: 'q-000981',
                type: 'ticket.issued',
                occurredAt: '2024-07-15T09:12:03+08:00',
                data: { ticket: 'A023', department: 'gjj', channel: 'walk_in' },
              },
              { id: 'q-000982', type: 'ticket.called', occurredAt: '2024-07-15T09:24:40+08:00', data: { ticket: 'A023', window: 'W07' } },
              ONE,
            ],
          },
        },
      },
    }),
    ApiJson(ref('IngestResponse'), {
      description: 'One result per event, in the order sent',
      example: {
        results: [
          { id: 'q-000981', status: 'accepted' },
          { id: 'q-000982', status: 'duplicate' },
          { id: 'pad-07-000123', status: 'rejected', field: 'data.rating', reason: 'must be an integer from 1 to 5' },
        ],
      },
    }),
    ApiErrors(400, 413, 429),
  );

/** `POST /api/v1/patrol/sites/:site/events`: the same contract, from the patrol page under a signed-in patrol account. */
export const PatrolEventsApi = (): MethodDecorator =>
  applyDecorators(
    ApiOperation({
      summary: 'Post patrol round events (round.started, round.check, round.completed) from the patrol page',
      description: 'The body and the answer are those of POST /api/v1/events; the signed-in account is recorded as the patroller.',
    }),
    ApiBody({ required: true, schema: { oneOf: [ref('HallEvent'), ref('EventBatch')] } }),
    ApiJson(ref('IngestResponse'), { description: 'One result per event, in the order sent' }),
    ApiErrors(400, 413),
  );
