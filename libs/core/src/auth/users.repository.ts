import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId, UserId } from '../tenancy/ids';
import { User } from './entities/user.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { MunicipalityReviewer } from './entities/municipality-reviewer.entity';
import { CooperativeRole } from './permissions';

export interface UserRoles {
  roles: Record<string, CooperativeRole[]>;
  reviews: string[];
}

@Injectable()
export class UsersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  findByEmail(email: string): Promise<User | null> {
    return this.uow.manager().getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findById(id: UserId): Promise<User | null> {
    return this.uow.manager().getRepository(User).findOneBy({ id });
  }

  async insert(user: { email: string; displayName: string; passwordHash: string | null }): Promise<User> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO users (email, display_name, password_hash) VALUES (lower($1), $2, $3) RETURNING id`,
      [user.email, user.displayName, user.passwordHash],
    );
    return (await this.findById(row.id as UserId)) as User;
  }

  /** One statement, so concurrent failures all count; locks the account once the limit is reached. */
  async recordFailedLogin(id: UserId, maxFailures: number, lockoutMinutes: number): Promise<{ failedLoginCount: number; lockedUntil: Date | null }> {
    const [row] = await this.uow.rows<{ failed_login_count: number; locked_until: Date | null }>(
      `UPDATE users
          SET failed_login_count = failed_login_count + 1,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING failed_login_count, locked_until`,
      [id, maxFailures, lockoutMinutes],
    );
    return { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until };
  }

  async recordSuccessfulLogin(id: UserId): Promise<void> {
    await this.uow.rows(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  async updatePassword(id: UserId, passwordHash: string): Promise<void> {
    await this.uow.rows(`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  /** Wipes the login: the address becomes a placeholder nobody can log in with, sessions and links end. */
  async anonymise(id: UserId): Promise<void> {
    await this.uow.rows(
      `UPDATE users SET email = 'erased+' || id || '@invalid', display_name = 'Gewist', password_hash = NULL, failed_login_count = 0, locked_until = NULL WHERE id = $1`,
      [id],
    );
    await this.uow.rows(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    await this.uow.rows(`UPDATE activation_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [id]);
  }

  /** Every role of the user, across cooperatives: readable because the transaction carries `app.user_id`. */
  async rolesOf(id: UserId): Promise<UserRoles> {
    const manager = this.uow.manager();
    // One after another: both run on the transaction's single connection.
    const assignments = await manager.getRepository(RoleAssignment).find({ where: { userId: id }, order: { role: 'ASC' } });
    const reviews = await manager.getRepository(MunicipalityReviewer).find({ where: { userId: id } });
    const roles: Record<string, CooperativeRole[]> = {};
    for (const a of assignments) (roles[a.cooperativeId] ??= []).push(a.role);
    return { roles, reviews: reviews.map((r) => r.municipalityId) };
  }

  async addReviewer(municipalityId: string, userId: UserId): Promise<void> {
    await this.uow.rows(`INSERT INTO municipality_reviewers (municipality_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [municipalityId, userId]);
  }
}

/** Role assignments are tenant-owned: every method takes the cooperative first. */
@Injectable()
export class RoleAssignmentsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  list(cooperativeId: CooperativeId): Promise<Array<RoleAssignment & { user: User }>> {
    return this.uow
      .manager()
      .getRepository(RoleAssignment)
      .find({ where: { cooperativeId }, relations: { user: true }, order: { createdAt: 'ASC' } }) as Promise<Array<RoleAssignment & { user: User }>>;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<(RoleAssignment & { user: User }) | null> {
    return this.uow
      .manager()
      .getRepository(RoleAssignment)
      .findOne({ where: { cooperativeId, id }, relations: { user: true } }) as Promise<(RoleAssignment & { user: User }) | null>;
  }

  /** Inserts unless the user already holds the role; returns the assignment either way. */
  async grant(cooperativeId: CooperativeId, userId: UserId, role: CooperativeRole, grantedBy: UserId | null): Promise<{ id: string; created: boolean }> {
    const inserted = await this.uow.rows<{ id: string }>(
      `INSERT INTO role_assignments (cooperative_id, user_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cooperative_id, user_id, role) DO NOTHING RETURNING id`,
      [cooperativeId, userId, role, grantedBy],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const [existing] = await this.uow.rows<{ id: string }>(`SELECT id FROM role_assignments WHERE cooperative_id = $1 AND user_id = $2 AND role = $3`, [cooperativeId, userId, role]);
    return { id: existing.id, created: false };
  }

  /**
   * Deletes the assignment unless it is the cooperative's last board role. One statement, so two
   * board members revoking each other at the same time cannot leave the cooperative without a board.
   */
  async revoke(cooperativeId: CooperativeId, id: string): Promise<'revoked' | 'not_found' | 'last_board_member'> {
    // Revocations in one cooperative take turns (until commit), so the count below sees the other's delete.
    // An advisory lock needs no UPDATE privilege, which the app role does not have on this table.
    await this.uow.rows(`SELECT pg_advisory_xact_lock(hashtextextended('role_assignments.board:' || $1, 0))`, [cooperativeId]);
    const deleted = await this.uow.rows<{ id: string }>(
      `DELETE FROM role_assignments r
        WHERE r.cooperative_id = $1 AND r.id = $2
          AND (r.role <> 'board' OR (SELECT count(*) FROM role_assignments b WHERE b.cooperative_id = $1 AND b.role = 'board') > 1)
        RETURNING r.id`,
      [cooperativeId, id],
    );
    if (deleted.length > 0) return 'revoked';
    const [exists] = await this.uow.rows(`SELECT 1 FROM role_assignments WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, id]);
    return exists ? 'last_board_member' : 'not_found';
  }
}
