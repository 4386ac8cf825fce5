import type { ApiErrorBody, ApiFieldError } from '@hallwatch/shared';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength, ValidateIf, ValidationError, validateSync } from 'class-validator';

// The same alphabet the ingest contract accepts for department, window and staff codes:
// every code an event can name must be creatable here, or an unknown reference could never be resolved.
export const REGISTRY_CODE = /^[\p{L}\p{N}_.:/#-]{1,64}$/u;
// Site codes appear in URLs and CLI options, so they stay plain ASCII (sites.code is varchar(32)).
export const SITE_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A field that must be present; checked before the field's other rules. */
export const Required = (): PropertyDecorator => IsDefined({ message: '$property is required' });

export const IsRegistryCode = (): PropertyDecorator =>
  Matches(REGISTRY_CODE, { message: '$property must be a string of 1–64 letters, digits or _.:-/# without spaces' });

export const IsSiteCode = (): PropertyDecorator =>
  Matches(SITE_CODE, { message: '$property must be 1–32 ASCII letters, digits, _ or -, starting with a letter or digit' });

/** A human-readable name: a non-blank string of at most `max` characters. */
export function IsName(max: number): PropertyDecorator {
  return (target, key) => {
    IsString({ message: '$property must be a string' })(target, key);
    Matches(/\S/, { message: '$property must not be blank' })(target, key);
    MaxLength(max, { message: `$property must be at most ${max} characters` })(target, key);
  };
}

/**
 * Skips validation only when the property is absent. Unlike @IsOptional, null is still
 * checked, so a PATCH cannot null a column that must hold a value.
 */
export function UnlessAbsent(): PropertyDecorator {
  return (target, key) => ValidateIf((o: Record<string | symbol, unknown>) => o[key] !== undefined)(target, key);
}

function fieldErrors(errors: ValidationError[], prefix = ''): ApiFieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** 400 in the shape the ingest API uses (field + message), with every failing rule listed. */
export function validationFailure(errors: ValidationError[]): BadRequestException {
  const list = fieldErrors(errors);
  const body: ApiErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    field: list[0]?.field ?? 'body',
    message: list.length ? list.map((e) => e.message).join('; ') : 'Invalid request',
    errors: list,
  };
  return new BadRequestException(body);
}

export function badField(field: string, message: string): BadRequestException {
  const body: ApiErrorBody = { statusCode: 400, error: 'Bad Request', field, message, errors: [{ field, message }] };
  return new BadRequestException(body);
}

/** Admin inputs: unknown properties are refused rather than silently dropped, so typos surface. */
export const adminValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: the first rule it breaks, e.g. "is required" rather than three complaints.
    stopAtFirstError: true,
    transform: true,
    exceptionFactory: validationFailure,
  });

/** The same rules for inputs that do not come through HTTP (the CLI). */
export function validateInput<T extends object>(cls: ClassConstructor<T>, plain: Record<string, unknown>): T {
  const input = plainToInstance(cls, plain);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) throw validationFailure(errors);
  return input;
}
