import type { NextFunction, Request, Response } from 'express';

/**
 * How deep a request body may nest. Hallwatch's deepest body is an event batch, four levels
 * (`{events: [{data: {…}}]}`); JSON.parse accepts any depth, but the validation pipe and every
 * other walk over the body recurse, and a body nested a hundred thousand levels overflows them.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `limit` (a bare object or array is depth 1). Never recurses. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: object; depth: number }> = [];
  if (typeof value === 'object' && value !== null) stack.push({ value, depth: 1 });
  while (stack.length) {
    const { value: node, depth } = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push({ value: child as object, depth: depth + 1 });
  }
  return false;
}

/** Refuses, with 400, a parsed body nested deeper than MAX_BODY_DEPTH, before any guard, pipe or handler walks it. */
export function bodyDepthLimit(req: Request, res: Response, next: NextFunction): void {
  if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
    res
      .status(400)
      .json({ statusCode: 400, field: 'body', message: `JSON nested deeper than ${MAX_BODY_DEPTH} levels; send a flatter body` });
    return;
  }
  next();
}
