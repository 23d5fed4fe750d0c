import { Injectable } from '@nestjs/common';

/**
 * The time the community-service rules read (check-in windows, code steps, sign-up deadlines). One
 * port, so tests move it instead of sleeping through 30-second steps.
 */
@Injectable()
export class ServiceClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests: make `now()` answer this instant from here on (null: the real time again). */
  setNow(at: Date | null): void {
    this.offsetMs = at ? at.getTime() - Date.now() : 0;
  }
}
