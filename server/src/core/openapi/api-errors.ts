import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { sharedRef } from './shared-schema';

/** The statuses a route may refuse with, each in the one error shape of docs/api-errors.md. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const WORDS: Record<ErrorStatus, { description: string; example: Record<string, unknown> }> = {
  400: {
    description: 'Bad input: `field` names the first input that broke, `errors` every one; nothing was stored',
    example: {
      statusCode: 400,
      error: 'Bad Request',
      field: 'waitWarnRatio',
      message: 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8',
      errors: [{ field: 'waitWarnRatio', message: 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8' }],
    },
  },
  401: {
    description: 'No credential, or one that is unknown, expired or revoked',
    example: { statusCode: 401, error: 'Unauthorized', message: 'Sign in first' },
  },
  403: {
    description: "The caller's role or sites do not allow this",
    example: { statusCode: 403, error: 'Forbidden', message: 'Your role may not do this' },
  },
  404: {
    description: 'No such site or record (or not one of the caller’s)',
    example: { statusCode: 404, error: 'Not Found', message: 'No such record' },
  },
  409: {
    description: 'The record is not in a state that allows this, or the name is taken',
    example: { statusCode: 409, error: 'Conflict', message: 'Already decided' },
  },
  413: {
    description: 'Request body over the size limit',
    example: { statusCode: 413, message: 'Request body is larger than the limit; send fewer events per request' },
  },
  415: {
    description: 'The upload is not of a type this route takes',
    example: { statusCode: 415, error: 'Unsupported Media Type', message: 'Send a JPEG or PNG picture' },
  },
  422: {
    description: 'Understood but refused as a whole (the message says why)',
    example: { statusCode: 422, error: 'Unprocessable Entity', message: 'The text is not a report' },
  },
  429: {
    description: 'Too many requests: wait for `Retry-After` seconds',
    example: { statusCode: 429, message: 'Too many requests; wait a minute and try again' },
  },
  503: {
    description: 'PostgreSQL cannot be reached: nothing was changed; send again after `Retry-After` seconds',
    example: { statusCode: 503, message: 'Database unavailable; nothing was stored. Retry later.' },
  },
};

/** One error response in the shared error shape. */
export function errorResponse(status: ErrorStatus, description?: string): Parameters<typeof ApiResponse>[0] {
  const words = WORDS[status] ?? { description: 'Refused', example: { statusCode: status, message: 'Refused' } };
  return {
    status,
    description: description ?? words.description,
    content: { 'application/json': { schema: sharedRef('ApiErrorBody'), example: { ...words.example } } },
  } as Parameters<typeof ApiResponse>[0];
}

/**
 * The refusals a route answers beyond those its auth rule and inputs imply (401, 403 and 400 are
 * added for every route from its rule and parameters; see route-responses.ts), e.g. `@ApiErrors(404, 409)`.
 */
export const ApiErrors = (...statuses: ErrorStatus[]): MethodDecorator =>
  applyDecorators(...statuses.map((s) => ApiResponse(errorResponse(s))));

/** One refusal with the route's own words, e.g. `@ApiError(409, 'The user name is taken')`. */
export const ApiError = (status: ErrorStatus, description: string): MethodDecorator => ApiResponse(errorResponse(status, description));
