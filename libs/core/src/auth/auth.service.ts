import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { UserId, asUserId } from '../tenancy/ids';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { assertStrongPassword } from './password-policy';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenPair, TokenService, hashRefreshToken } from './token.service';
import { UserRoles, UsersRepository } from './users.repository';
import { User } from './entities/user.entity';

export interface Profile {
  user: User;
  roles: UserRoles;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password outside any transaction (argon2 takes tens of milliseconds), then records the
   * outcome in its own transaction, so a failed attempt counts even though the answer is 401.
   */
  async login(email: string, password: string): Promise<TokenPair> {
    const user = await this.uow.run({}, () => this.users.findByEmail(email));
    const userId = user ? asUserId(user.id) : undefined;
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      throw this.locked(user.lockedUntil);
    }
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !userId || !valid) {
      const lockedUntil = await this.uow.run({ userId }, async () => {
        // A hash, not the address: the audit log is append-only and must not keep personal data an erasure has to remove.
        await this.audit.record({ action: 'auth.login.failed', actorUserId: userId ?? null, cooperativeId: null, details: { emailSha256: createHash('sha256').update(email.toLowerCase()).digest('hex') } });
        if (!userId) return null;
        const outcome = await this.users.recordFailedLogin(userId, this.config.login.maxFailures, this.config.login.lockoutMinutes);
        return outcome.lockedUntil;
      });
      if (lockedUntil && lockedUntil > new Date()) throw this.locked(lockedUntil);
      throw new AuthError(AuthErrorCode.InvalidCredentials, 'The e-mail address or password is incorrect');
    }
    return this.uow.run({ userId }, async () => {
      await this.users.recordSuccessfulLogin(userId);
      await this.audit.record({ action: 'auth.login', actorUserId: userId, cooperativeId: null, objectType: 'user', objectId: userId });
      return this.tokens.issue(userId, await this.users.rolesOf(userId));
    });
  }

  /** Rotates the refresh token; a token presented twice revokes its whole session family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.uow.run({}, async () => {
      const consumed = await this.refreshTokens.consume(tokenHash);
      if (consumed) {
        // The owner of the token is known only now: let this transaction read their role assignments.
        await this.uow.rows(`SELECT set_config('app.user_id', $1, true)`, [consumed.userId]);
        return this.tokens.issue(consumed.userId, await this.users.rolesOf(consumed.userId), consumed.familyId);
      }
      const known = await this.refreshTokens.familyOf(tokenHash);
      // A spent token presented again was copied: end the whole session. One that merely expired is no alarm.
      if (known?.revoked) {
        await this.refreshTokens.revokeFamily(known.familyId);
        await this.audit.record({ action: 'auth.refresh.reused', actorUserId: known.userId, cooperativeId: null, objectType: 'session', objectId: known.familyId });
      }
      return null;
    });
    if (!outcome) throw new AuthError(AuthErrorCode.TokenInvalid, 'The refresh token is invalid, expired or already used; log in again');
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.uow.run({}, async () => {
      const known = await this.refreshTokens.familyOf(hashRefreshToken(refreshToken));
      if (!known) return;
      await this.refreshTokens.revokeFamily(known.familyId);
      await this.audit.record({ action: 'auth.logout', actorUserId: known.userId, cooperativeId: null, objectType: 'session', objectId: known.familyId });
    });
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const userId = asUserId(actor.userId);
    const user = await this.uow.run({ userId }, () => this.users.findById(userId));
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new AuthError(AuthErrorCode.InvalidCredentials, 'The current password is incorrect', 'currentPassword');
    }
    assertStrongPassword(newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.uow.run({ userId }, async () => {
      await this.users.updatePassword(userId, passwordHash);
      // Every other session ends: whoever knew the old password must log in again.
      await this.refreshTokens.revokeAllOf(userId);
      await this.audit.record({ action: 'auth.password.changed', actorUserId: userId, cooperativeId: null, objectType: 'user', objectId: userId });
    });
  }

  async profile(actor: Actor): Promise<Profile> {
    const userId = asUserId(actor.userId);
    return this.uow.run({ userId }, async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new AuthError(AuthErrorCode.TokenInvalid, 'The user of this token no longer exists');
      return { user, roles: await this.users.rolesOf(userId) };
    });
  }

  private locked(until: Date): AuthError {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AuthError(AuthErrorCode.AccountLocked, `Too many failed logins; this account is locked for ${Math.ceil(retryAfterSeconds / 60)} minutes`, undefined, { retryAfterSeconds });
  }
}

export type { UserId };
