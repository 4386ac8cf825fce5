// The demo must replay the same hall day for the same seed (stable event ids, idempotent
// restarts), so it never touches Math.random. A 32-bit splitmix-style generator is plenty
// for a simulation and costs a few nanoseconds per draw.
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x2545f491) >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }

  /** An independent stream, so that one part of the model drawing more does not shift another. */
  fork(label: string): SeededRandom {
    return new SeededRandom(hashSeed(Math.floor(this.next() * 4294967296), label));
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[], total = weights.reduce((s, w) => s + w, 0)): number {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A positive duration with the given mean and coefficient of variation (right-skewed, like service times). */
  lognormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    const u = 1 - this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.exp(mu + Math.sqrt(sigma2) * normal);
  }
}

/** Mixes a numeric seed with a label (a day, a stream name) into a new 32-bit seed. */
export function hashSeed(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}
