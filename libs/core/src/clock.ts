import { Injectable } from '@nestjs/common';

/**
 * The current time, injectable so tests can move it (expiry after 48 hours, completion after seven
 * days) without waiting.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: moves the clock forward (or back). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Tests only: pins "now" to the given moment (it keeps running from there). */
  setTo(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }
}
