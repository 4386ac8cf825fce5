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

export const visitOutbox = {
  /** The visit's steps still waiting, oldest first. */
  async read(visit: string): Promise<VisitStep[]> {
    return (await queue.all()).filter((s) => s.visit === visit);
  },
  /** A point judged again replaces the judgement still waiting, as a new photo replaces one still waiting. */
  async add(step: VisitStep): Promise<VisitStep[]> {
    if (step.kind !== 'finish')
      for (const s of await this.read(step.visit))
        if (s.kind === step.kind && s.point === step.point && s.seq !== undefined) await queue.remove(s.seq);
    await queue.add(step);
    return this.read(step.visit);
  },
  /** Drops a step the server has answered. */
  async remove(step: VisitStep): Promise<VisitStep[]> {
    if (step.seq !== undefined) await queue.remove(step.seq);
    return this.read(step.visit);
  },
};
