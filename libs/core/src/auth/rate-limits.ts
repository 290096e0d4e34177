import { ExecutionContext, Injectable, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig } from '../config/config';

/** A rate limit was reached; the answer tells when this client may try again (429 with Retry-After). */
export class RateLimitExceeded extends ThrottlerException {
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * The throttler's own answer names the wait only in a header per limit (`Retry-After-login`), which
 * clients do not read; this one carries it into the problem document and the standard Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitExceeded(Math.max(1, detail.timeToBlockExpire));
  }
}

/**
 * Limits on the forms anyone can post. Logins are counted per client address and e-mail, so one
 * busy office does not lock out its neighbours; sign-ups per client address, so varying the e-mail
 * does not let a script flood the board's applications.
 */
export function rateLimits(config: Pick<AppConfig, 'login' | 'signUpRatePerHour' | 'donationRatePerHour'>): ThrottlerOptions[] {
  return [
    {
      name: 'login',
      ttl: 60_000,
      limit: config.login.ratePerMinute,
      getTracker: (request: Record<string, any>) => `${request.ip}|${typeof request.body?.email === 'string' ? request.body.email.toLowerCase() : ''}`,
    },
    { name: 'signup', ttl: 60 * 60_000, limit: config.signUpRatePerHour, getTracker: (request: Record<string, any>) => String(request.ip) },
    // Each started donation creates a Checkout Session at Stripe: a script must not run up thousands.
    { name: 'donation', ttl: 60 * 60_000, limit: config.donationRatePerHour, getTracker: (request: Record<string, any>) => String(request.ip) },
  ];
}

const tooMany = ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait and try again' });

/** Login, refresh, activation: LOGIN_RATE_PER_MINUTE per client address and e-mail. */
export const LoginRateLimit = () => applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ signup: true, donation: true }), tooMany);

/** Public sign-up: SIGNUP_RATE_PER_HOUR per client address. */
export const SignUpRateLimit = () => applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ login: true, donation: true }), tooMany);

/** Public donation checkout: DONATION_RATE_PER_HOUR per client address. */
export const DonationRateLimit = () => applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ login: true, signup: true }), tooMany);
