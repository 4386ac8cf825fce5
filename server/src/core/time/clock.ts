import { Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/** The source of "now" for everything that judges time, so tests can move it. */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(@Optional() config?: AppConfig) {
    // A process-level frozen clock lets tests compare a server's state across restarts.
    if (config?.FIXED_CLOCK) this.frozenAt = new Date(config.FIXED_CLOCK).getTime();
  }

  now(): Date {
    return new Date((this.frozenAt ?? Date.now()) + this.offsetMs);
  }

  /** Test seam: shift the clock (used by integration tests with a controllable clock). */
  setNow(at: Date): void {
    this.offsetMs = at.getTime() - (this.frozenAt ?? Date.now());
  }
}
