import type { RouteEntry } from './route-table';

// Walks an OpenAPI document beside Nest's route table and names what a client builder would miss.

type Json = Record<string, unknown>;
export interface ApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const refName = (ref: unknown): string | null => (typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : null);

/** A schema that says something: a ref to a component that has properties or variants, or an inline one that does. */
export function describes(doc: ApiDoc, schema: Json | undefined, depth = 0): boolean {
  if (!schema || depth > 5) return false;
  const name = refName(schema.$ref);
  if (name) return describes(doc, doc.components.schemas[name], depth + 1);
  if (schema.type === 'array')
    return describes(doc, schema.items as Json, depth + 1) || Object.keys((schema.items as Json) ?? {}).length > 0;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const)
    if (Array.isArray(schema[key])) return (schema[key] as Json[]).some((s) => describes(doc, s, depth + 1));
  if (schema.type === 'object')
    return Object.keys((schema.properties as Json) ?? {}).length > 0 || typeof schema.additionalProperties === 'object';
  return typeof schema.type === 'string' || Array.isArray(schema.type) || Array.isArray(schema.enum) || 'const' in schema;
}

const schemaOf = (content: unknown): Json[] =>
  Object.values((content as Record<string, { schema?: Json }>) ?? {}).map((c) => c.schema ?? {});

/** What the operation of one route lacks; an empty list when a client could be built from it. */
export function operationGaps(doc: ApiDoc, route: RouteEntry, takesBody: boolean): string[] {
  const op = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
  if (!op) return ['missing from the document'];
  const gaps: string[] = [];
  const responses = (op.responses ?? {}) as Record<string, { content?: unknown }>;
  const ok = Object.entries(responses).filter(([status]) => /^2/.test(status));
  const answered = ok.some(
    ([status, r]) => status === '204' || schemaOf(r.content).some((s) => describes(doc, s) || s.format === 'binary'),
  );
  if (!answered) gaps.push('no 2xx response with a schema (or 204, or a file)');
  if (takesBody) {
    const body = op.requestBody as { content?: unknown } | undefined;
    if (!body || !schemaOf(body.content).some((s) => describes(doc, s))) gaps.push('no request body schema');
    if (!responses['400']) gaps.push('takes a body but declares no 400');
  }
  const declared = new Set(((op.parameters ?? []) as { name: string; in: string }[]).filter((p) => p.in === 'path').map((p) => p.name));
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) if (!declared.has(name)) gaps.push(`path parameter ${name} not declared`);
  if (route.rule?.kind !== 'public' && !responses['401']) gaps.push('no 401');
  if (route.rule?.kind === 'roles' && !responses['403']) gaps.push('no 403');
  for (const [status, r] of Object.entries(responses))
    if (/^4/.test(status) && !schemaOf(r.content).some((s) => refName(s.$ref) === 'ApiErrorBody'))
      gaps.push(`${status} without the error shape`);
  return gaps;
}
