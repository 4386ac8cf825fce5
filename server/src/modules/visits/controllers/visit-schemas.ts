// The visits routes' answers in brief for the API reference (their full types are in shared/src/visits.ts).

export const VISIT = {
  type: 'object',
  properties: { id: { type: 'string' }, state: { type: 'string' }, kind: { type: 'string' } },
} as const;

/** A visit with its checks and findings. */
export const VISIT_DETAIL = {
  type: 'object',
  properties: {
    visit: VISIT,
    checks: { type: 'array', items: { type: 'object' } },
    findings: { type: 'array', items: { type: 'object' } },
  },
} as const;
