import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { UserId, asUserId } from '../tenancy/ids';
import { AuthError, AuthErrorCode } from './auth.errors';
import { assertStrongPassword } from './password-policy';
import { PasswordHasher } from './password-hasher';
import { hashRefreshToken } from './token.service';
import { UsersRepository } from './users.repository';
import { User } from './entities/user.entity';

const ACTIVATION_DAYS = 14;

/**
 * Accounts made for someone else (an approved member) have no password until their owner follows
 * the one-time link in the invitation and sets one.
 */
@Injectable()
export class ActivationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Finds the account for this address or makes one without a password; runs in the caller's transaction. */
  async ensureUser(email: string, displayName: string): Promise<{ user: User; created: boolean }> {
    const existing = await this.users.findByEmail(email);
    if (existing) return { user: existing, created: false };
    const user = await this.users.insert({ email, displayName, passwordHash: null });
    await this.audit.record({ action: 'user.create_for_member', objectType: 'user', objectId: user.id });
    return { user, created: true };
  }

  /** A fresh activation link for the user (in the caller's transaction). */
  async issueLink(userId: UserId): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.uow.rows(`INSERT INTO activation_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
      userId,
      hashRefreshToken(token),
      ACTIVATION_DAYS,
    ]);
    return `${this.config.publicUrl}/activate?token=${token}`;
  }

  /** Sets the password through a one-time token. Two racing uses of one token: only the first counts. */
  async activate(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.uow.run({}, async () => {
      const [used] = await this.uow.rows<{ user_id: string; email: string }>(
        `UPDATE activation_tokens t SET used_at = now()
           FROM users u
          WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id
          RETURNING t.user_id, u.email`,
        [hashRefreshToken(token)],
      );
      if (!used) throw new AuthError(AuthErrorCode.TokenInvalid, 'This activation link is invalid, expired or already used; ask the board for a new one', 'token');
      assertStrongPassword(password, used.email, 'password');
      const userId = asUserId(used.user_id);
      await this.users.updatePassword(userId, passwordHash);
      await this.audit.record({ action: 'user.activate', actorUserId: userId, cooperativeId: null, objectType: 'user', objectId: userId });
    });
  }
}
