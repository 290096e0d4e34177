import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig } from '../config/config';

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
export const LoginRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ signup: true, donation: true }), tooMany);

/** Public sign-up: SIGNUP_RATE_PER_HOUR per client address. */
export const SignUpRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true, donation: true }), tooMany);

/** Public donation checkout: DONATION_RATE_PER_HOUR per client address. */
export const DonationRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true, signup: true }), tooMany);
