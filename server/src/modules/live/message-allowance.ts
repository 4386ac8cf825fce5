import { UpdateBudget } from './update-budget';

export interface MessageLimits {
  perSecond: number;
  burst: number;
  /** Drops, without the client ever pausing long enough to refill its allowance, before it is disconnected. */
  dropsBeforeDisconnect: number;
}

/** `first-drop` is the first message dropped since the client was last quiet: the one it is told about. */
export type MessageVerdict = 'pass' | 'first-drop' | 'drop' | 'disconnect';

/**
 * One socket's allowance of messages from its client, a token bucket. A client that pauses until
 * its allowance is full again is forgiven its earlier drops; one that never does is flooding.
 */
export class MessageAllowance {
  private readonly bucket: UpdateBudget;
  private dropped = 0;

  constructor(
    private readonly limits: MessageLimits,
    now: number,
  ) {
    this.bucket = new UpdateBudget(limits.perSecond, limits.burst, now);
  }

  judge(now: number): MessageVerdict {
    if (this.bucket.isFull(now)) this.dropped = 0;
    if (this.bucket.waitMs(now) === 0) {
      this.bucket.spend(now);
      return 'pass';
    }
    this.dropped++;
    if (this.dropped > this.limits.dropsBeforeDisconnect) return 'disconnect';
    return this.dropped === 1 ? 'first-drop' : 'drop';
  }

  /** Milliseconds until the next message would pass. */
  retryAfterMs(now: number): number {
    return this.bucket.waitMs(now);
  }
}
