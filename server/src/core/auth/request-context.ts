import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** Where a request came from, so that an audit entry written deep in a service can say it. */
export interface RequestContext {
  address: string | null;
  userAgent: string | null;
  actor?: string;
  role?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = (): RequestContext | undefined => storage.getStore();

export const clientAddress = (req: Request): string | null => (req.ip ?? req.socket?.remoteAddress ?? null)?.slice(0, 64) ?? null;

export const userAgentOf = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' && value ? value.slice(0, 300) : null;

/** Express middleware: every later handler of the request runs inside its context. */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run({ address: clientAddress(req), userAgent: userAgentOf(req.headers['user-agent']) }, next);
}

/** Runs work outside HTTP (the CLI) under a named actor, so its audit entries say who. */
export const runWithContext = <T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> => storage.run(ctx, fn);
