import { ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';

// Most refusals are the guard's, which audits them. A few can only be judged by a handler once it
// has read the record (another department's case, an appeal its own filer tries to decide); they
// are marked here so that the accounts module's interceptor audits them the same way
// (docs/security.md, "Department accounts").

const AUDITED = Symbol('hallwatch:audited-refusal');

type Marked = HttpException & { [AUDITED]?: string };

function mark<E extends HttpException>(err: E, reason: string): E {
  (err as Marked)[AUDITED] = reason;
  return err;
}

/** Why the exception is a refusal to be audited, or null for an ordinary error. */
export const auditedRefusal = (err: unknown): string | null => (err instanceof HttpException ? ((err as Marked)[AUDITED] ?? null) : null);

/**
 * A record of another department than the caller's: answered exactly as a record that does not
 * exist (`message`), so the caller learns nothing of it, while the audit log keeps `reason`.
 */
export const outsideDepartment = (message: string, reason: string): NotFoundException =>
  mark(new NotFoundException({ statusCode: 404, error: 'Not Found', message }), reason);

/**
 * A refusal a handler makes after reading the record (403 with `message`, naming `field` when the
 * refusal is about one input), audited like the guard's.
 */
export const refusedAfterReading = (message: string, field?: string): ForbiddenException =>
  mark(new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, ...(field ? { field } : {}) }), message);

/**
 * The scope a handler narrows to: the caller's department (a `department` account) or none.
 * `owns` says whether a record of `department` is the caller's to see.
 */
export const owns = (scope: string | undefined, department: string | null): boolean => scope === undefined || scope === department;
