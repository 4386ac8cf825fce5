/**
 * A token bucket per site: pushes are free while the site sends fewer than `perSecond` a second
 * on average (with `burst` to spare), so a change in a calm hall goes out at once; a flood of
 * changes is coalesced into at most `perSecond` updates a second.
 */
export class UpdateBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Milliseconds until a push may go out: 0 when it may go now. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Whether the bucket has refilled to its burst: nothing was spent for a while. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  /** Spends one push; call only when `waitMs` said 0. */
  spend(now: number): void {
    this.refill(now);
    this.tokens = Math.max(0, this.tokens - 1);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = Math.max(this.at, now);
  }
}
