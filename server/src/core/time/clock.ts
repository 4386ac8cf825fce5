import { Injectable } from '@nestjs/common';

/** The source of "now" for everything that judges time, so tests can move it. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test seam: shift the clock (used by integration tests with a controllable clock). */
  setNow(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
