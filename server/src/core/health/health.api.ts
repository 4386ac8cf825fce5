import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

// Terminus's own answer shape, not the API's error shape: probes read `status` and each check's `status`.
const checks = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } } },
};
const HEALTH = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'error'] }, info: checks, error: checks, details: checks },
};

export const HealthApi = (): MethodDecorator =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'Up',
      content: {
        'application/json': { schema: HEALTH, example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: {} } },
      },
    } as Parameters<typeof ApiResponse>[0]),
    ApiResponse({
      status: 503,
      description: 'A check is down (its message says which and why)',
      content: { 'application/json': { schema: HEALTH } },
    } as Parameters<typeof ApiResponse>[0]),
  );
