import type { VisitCheckInput, VisitFinishInput } from '@hallwatch/shared';
import { idbQueue } from '../../offline/idb-queue';

// What the phone recorded on a visit and the server has not yet confirmed: a point's judgement,
// a point's photo, the finish. In IndexedDB, as the patrol phone keeps its rounds, so that a
// village station without signal, a reload or a flat battery loses nothing, photos included.
// Each step is idempotent on the server (a point judged again is the same row, a point keeps its
// first photo), so a resend after a lost answer is safe.

export type VisitStep = { seq?: number; visit: string } & (
  | { kind: 'check'; point: string; input: VisitCheckInput }
  | { kind: 'photo'; point: string; blob: Blob }
  | { kind: 'finish'; input: VisitFinishInput }
);

const queue = idbQueue<VisitStep>('hallwatch-visits');

const stepsOf = async (visit: string) => (await queue.all()).filter((s) => s.visit === visit);

// One operation at a time, in the order asked: a read answers with every write asked before it,
// so the page never shows a list from before a step it has already recorded.
let chain: Promise<unknown> = Promise.resolve();
function inTurn<T>(op: () => Promise<T>): Promise<T> {
  const next = chain.then(op);
  chain = next.catch(() => undefined);
  return next;
}

export const visitOutbox = {
  /** The visit's steps still waiting, oldest first. */
  read: (visit: string): Promise<VisitStep[]> => inTurn(() => stepsOf(visit)),
  /** A point judged again replaces the judgement still waiting, as a new photo replaces one still waiting. */
  add: (step: VisitStep): Promise<VisitStep[]> =>
    inTurn(async () => {
      if (step.kind !== 'finish')
        for (const s of await stepsOf(step.visit))
          if (s.kind === step.kind && s.point === step.point && s.seq !== undefined) await queue.remove(s.seq);
      await queue.add(step);
      return stepsOf(step.visit);
    }),
  /** Drops a step the server has answered. */
  remove: (step: VisitStep): Promise<VisitStep[]> =>
    inTurn(async () => {
      if (step.seq !== undefined) await queue.remove(step.seq);
      return stepsOf(step.visit);
    }),
};
