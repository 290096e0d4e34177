import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UserId } from '../tenancy/ids';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { COOPERATIVE_ROLES, CooperativeRole } from './permissions';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UserRoles } from './users.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

interface AccessClaims {
  sub: string;
  roles: Record<string, CooperativeRole[]>;
  reviews: string[];
}

const ISSUER = 'buurtcoop';

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Access tokens are short-lived JWTs that carry the user's roles, so a request needs no extra query
 * to authorise; a role change reaches the caller at the next refresh.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues an access token and a new refresh token; `familyId` continues an existing session. */
  async issue(userId: UserId, roles: UserRoles, familyId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessClaims = { sub: userId, roles: roles.roles, reviews: roles.reviews };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: ISSUER,
      algorithm: 'HS256',
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    await this.refreshTokens.insert(userId, familyId, hashRefreshToken(refreshToken), expiresAt);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds };
  }

  async verifyAccessToken(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { issuer: ISSUER, algorithms: ['HS256'] });
    } catch {
      throw new AuthError(AuthErrorCode.TokenInvalid, 'The access token is invalid or has expired');
    }
    const roles: Record<string, CooperativeRole[]> = {};
    for (const [cooperativeId, list] of Object.entries(claims.roles ?? {})) {
      roles[cooperativeId] = list.filter((r): r is CooperativeRole => (COOPERATIVE_ROLES as readonly string[]).includes(r));
    }
    return { userId: claims.sub, roles, reviews: Array.isArray(claims.reviews) ? claims.reviews : [] };
  }
}
