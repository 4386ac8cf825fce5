import { ConflictException, NotFoundException } from '@nestjs/common';

export type ScopedResource = 'department' | 'window' | 'staff' | 'service_item';

export const RESOURCE_LABEL: Record<ScopedResource, string> = {
  department: 'department',
  window: 'window',
  staff: 'staff member',
  service_item: 'service item',
};

export const siteNotFound = (code: string): NotFoundException =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No site with code "${code}"` });

export const scopedNotFound = (resource: ScopedResource, site: string, code: string): NotFoundException =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: `Site "${site}" has no ${RESOURCE_LABEL[resource]} with code "${code}"`,
  });

export const siteExists = (code: string): ConflictException =>
  new ConflictException({ statusCode: 409, error: 'Conflict', field: 'code', message: `A site with code "${code}" already exists` });

export const scopedExists = (resource: ScopedResource, site: string, code: string): ConflictException =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    field: 'code',
    message: `Site "${site}" already has a ${RESOURCE_LABEL[resource]} with code "${code}"`,
  });

export const conflict = (message: string): ConflictException => new ConflictException({ statusCode: 409, error: 'Conflict', message });

/** PostgreSQL's unique_violation, as TypeORM wraps it: a concurrent create won the race. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
