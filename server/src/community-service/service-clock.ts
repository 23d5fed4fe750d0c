import { Injectable } from '@nestjs/common';

/**
 * The time the community-service rules read (check-in windows, code steps, sign-up deadlines). One
 * port, so tests move it instead of sleeping through 30-second steps.
 */
@Injectable()
export class ServiceClock {
  private frozen: Date | null = null;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date();
  }

  /** Tests: `now()` answers this instant until set again (null: the real time again). */
  setNow(at: Date | null): void {
    this.frozen = at ? new Date(at) : null;
  }
}
