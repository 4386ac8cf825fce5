import { IngestResponse, MAX_EVENTS_PER_BATCH } from '@hallwatch/shared';
import { BadRequestException, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { DeviceKey } from '../../core/auth/auth-rules';
import type { DeviceRequest } from '../accounts/auth/device-key.guard';
import { IngestRateLimit } from '../../core/auth/rate-limits';
import { IngestEventsApi } from './events.api';
import { IngestService } from './ingest.service';

@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(200)
  @DeviceKey()
  @IngestRateLimit()
  @IngestEventsApi()
  async post(@Req() req: DeviceRequest, @Body() body: unknown): Promise<IngestResponse> {
    const { results } = await this.ingest.ingest(req.site, toItems(body), 'device', new Date(), `device-key:${req.deviceKeyId}`);
    return { results };
  }
}

/** One event, or `{ "events": [...] }` with up to 1,000. */
export function toItems(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException({ statusCode: 400, field: 'body', message: 'body must be one event object or {"events": [...]}' });
  const b = body as Record<string, unknown>;
  if (!('events' in b)) return [body];
  if (!Array.isArray(b.events)) throw new BadRequestException({ statusCode: 400, field: 'events', message: 'events must be an array' });
  if (b.events.length === 0) throw new BadRequestException({ statusCode: 400, field: 'events', message: 'events must not be empty' });
  if (b.events.length > MAX_EVENTS_PER_BATCH)
    throw new BadRequestException({
      statusCode: 400,
      field: 'events',
      message: `events holds ${b.events.length}; at most ${MAX_EVENTS_PER_BATCH} per request`,
    });
  return b.events;
}
