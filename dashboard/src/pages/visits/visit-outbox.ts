import type { VisitCheckInput, VisitFinishInput } from '@hallwatch/shared';

// What the phone recorded and the server has not yet confirmed, per visit: a point's judgement
// or the finish. Kept in localStorage so a reload on bad Wi-Fi loses nothing; each step is
// idempotent on the server (a point judged again is the same row), so resending is safe.

export type VisitStep = { kind: 'check'; point: string; input: VisitCheckInput } | { kind: 'finish'; input: VisitFinishInput };

const key = (visit: string) => `hallwatch.visit.${visit}`;

export const visitOutbox = {
  read(visit: string): VisitStep[] {
    try {
      return JSON.parse(localStorage.getItem(key(visit)) ?? '[]') as VisitStep[];
    } catch {
      return [];
    }
  },
  write(visit: string, steps: VisitStep[]): void {
    if (steps.length) localStorage.setItem(key(visit), JSON.stringify(steps));
    else localStorage.removeItem(key(visit));
  },
  /** A point judged again replaces the judgement still waiting. */
  add(visit: string, step: VisitStep): VisitStep[] {
    const rest = this.read(visit).filter((s) => !(step.kind === 'check' && s.kind === 'check' && s.point === step.point));
    const next = [...rest, step];
    this.write(visit, next);
    return next;
  },
  /** Drops a step the server has answered (matched by content: one added meanwhile stays). */
  remove(visit: string, step: VisitStep): VisitStep[] {
    const steps = this.read(visit);
    const i = steps.findIndex((s) => JSON.stringify(s) === JSON.stringify(step));
    const next = i < 0 ? steps : [...steps.slice(0, i), ...steps.slice(i + 1)];
    this.write(visit, next);
    return next;
  },
};
