interface Action {
  t: number;
  n: number;
  run: () => void;
}

const before = (a: Action, b: Action) => a.t < b.t || (a.t === b.t && a.n < b.n);

/**
 * The simulation's agenda: a binary heap of actions by time, ties broken by the order
 * they were scheduled, so that a run never depends on how the day is sliced.
 */
export class ActionQueue {
  private readonly heap: Action[] = [];
  private scheduled = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the next action, or null when none is left. */
  peekTime(): number | null {
    return this.heap.length ? this.heap[0].t : null;
  }

  push(t: number, run: () => void): void {
    const h = this.heap;
    h.push({ t, n: this.scheduled++, run });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): { t: number; run: () => void } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) return undefined;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (l + 1 < h.length && before(h[l + 1], h[m])) m = l + 1;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
