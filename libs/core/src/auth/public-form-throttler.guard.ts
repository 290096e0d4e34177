import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit for the forms anyone can post (login, refresh, activation, sign-up): counted per client
 * address and e-mail, so one busy office does not lock out its neighbours.
 */
@Injectable()
export class PublicFormThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, any>): Promise<string> {
    const email = typeof request.body?.email === 'string' ? request.body.email.toLowerCase() : '';
    return `${request.ip}|${email}`;
  }
}
