import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { UserId } from '../tenancy/ids';

export interface ConsumedToken {
  userId: UserId;
  familyId: string;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(userId: UserId, familyId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await this.uow.rows(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [userId, familyId, tokenHash, expiresAt]);
  }

  /**
   * Revokes the token if it is live. Two racing refreshes with the same token both try this
   * UPDATE; only the one that matched may issue a successor.
   */
  async consume(tokenHash: Buffer): Promise<ConsumedToken | null> {
    const [row] = await this.uow.rows<{ user_id: UserId; family_id: string }>(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, familyId: row.family_id } : null;
  }

  /** The family of a token that is known but no longer live: `revoked` when it was spent or revoked, else it expired unused. */
  async familyOf(tokenHash: Buffer): Promise<(ConsumedToken & { revoked: boolean }) | null> {
    const [row] = await this.uow.rows<{ user_id: UserId; family_id: string; revoked: boolean }>(
      `SELECT user_id, family_id, revoked_at IS NOT NULL AS revoked FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, familyId: row.family_id, revoked: row.revoked } : null;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.uow.rows(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeAllOf(userId: UserId): Promise<void> {
    await this.uow.rows(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Maintenance: forget tokens that expired or were revoked more than a day ago. */
  async purgeStale(): Promise<number> {
    const rows = await this.uow.rows(
      `DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day' RETURNING id`,
    );
    return rows.length;
  }
}
