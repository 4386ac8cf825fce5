import { createHmac } from 'node:crypto';

// The tests' own model of 回访核实's draw (docs/contracts/reviews.md, "Callbacks verified"), written
// from the contract rather than the server's code: a closure's value is the first six bytes of
// HMAC-SHA256(secret, "callback-draw\n<case id>\n<closing instant, ISO>") over 2^48, drawn at random
// when below the share; a handler with no closure drawn in a week gets the one with the lowest value.

export function modelDrawValue(secret: string, caseId: string, closedAtIso: string): number {
  const digest = createHmac('sha256', secret).update(`callback-draw\n${caseId}\n${closedAtIso}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export interface ModelClosure {
  caseId: string;
  handler: string;
  department: string | null;
  closedAt: string;
  value: number;
}

/** The closure each handler would get as the week's minimum, when none of theirs is drawn yet. */
export function modelWeeklyPicks(closures: ModelClosure[], drawn: Set<string>): Map<string, ModelClosure> {
  const picks = new Map<string, ModelClosure>();
  const handlers = new Set(closures.map((c) => c.handler));
  for (const h of handlers) {
    const mine = closures.filter((c) => c.handler === h);
    if (mine.some((c) => drawn.has(c.caseId))) continue;
    picks.set(h, [...mine].sort((a, b) => a.value - b.value)[0]);
  }
  return picks;
}
