import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UnitOfWork } from '../database/unit-of-work';
import { CommonError, CommonErrorCode } from '../errors/domain.error';
import { CooperativeId, MunicipalityId, UserId, asUserId } from '../tenancy/ids';
import { Actor } from './actor';
import { AuthError, AuthErrorCode } from './auth.errors';
import { assertStrongPassword } from './password-policy';
import { PasswordHasher } from './password-hasher';
import { CooperativeRole } from './permissions';
import { RoleAssignmentsRepository, UsersRepository } from './users.repository';
import { User } from './entities/user.entity';
import { RoleAssignment } from './entities/role-assignment.entity';

export type RoleAssignmentWithUser = RoleAssignment & { user: User };

/** Accounts and the roles they hold: the CLI creates them, the board manages roles in its cooperative. */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly roles: RoleAssignmentsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async createUser(input: { email: string; displayName: string; password: string }): Promise<User> {
    assertStrongPassword(input.password, input.email, 'password');
    const passwordHash = await this.hasher.hash(input.password);
    return this.uow.run({ as: 'owner' }, async () => {
      try {
        const user = await this.users.insert({ email: input.email, displayName: input.displayName, passwordHash });
        await this.audit.record({ action: 'user.create', cooperativeId: null, objectType: 'user', objectId: user.id });
        return user;
      } catch (error) {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
          throw new AuthError(AuthErrorCode.EmailTaken, `An account with e-mail ${input.email} already exists`, 'email');
        }
        throw error;
      }
    });
  }

  /** The id of the account with this e-mail address, if any (in the caller's transaction, or as the owner). */
  async idOf(email: string): Promise<string | undefined> {
    return this.uow.run({ as: 'owner' }, async () => (await this.users.findByEmail(email))?.id);
  }

  /** Platform operator's grant (CLI): no acting board member. */
  grantAsOperator(cooperativeId: CooperativeId, email: string, role: CooperativeRole): Promise<{ id: string; created: boolean }> {
    return this.uow.run({ cooperativeId, as: 'owner' }, () => this.grantInTransaction(cooperativeId, email, role, null));
  }

  addReviewerAsOperator(municipalityId: MunicipalityId, email: string): Promise<void> {
    return this.uow.run({ as: 'owner' }, async () => {
      const user = await this.users.findByEmail(email);
      if (!user) throw new CommonError(CommonErrorCode.NotFound, `No account with e-mail ${email}`, 'email');
      await this.users.addReviewer(municipalityId, asUserId(user.id));
      await this.audit.record({ action: 'municipality.reviewer.add', cooperativeId: null, objectType: 'municipality', objectId: municipalityId, details: { userId: user.id } });
    });
  }

  /** Grants a role by user id in the caller's transaction (e.g. `member` when a membership starts). */
  async grantInCurrentTransaction(cooperativeId: CooperativeId, userId: UserId, role: CooperativeRole, grantedBy: UserId | null): Promise<void> {
    const outcome = await this.roles.grant(cooperativeId, userId, role, grantedBy);
    if (outcome.created) await this.audit.record({ action: 'role.grant', cooperativeId, objectType: 'role_assignment', objectId: outcome.id, details: { userId, role } });
  }

  /**
   * An erased member's account: their roles in this cooperative go; the login itself is wiped and
   * closed when it has no role left anywhere (in the caller's transaction).
   */
  async eraseAccount(cooperativeId: CooperativeId, userId: UserId): Promise<'erased' | 'kept'> {
    await this.uow.rows(`DELETE FROM role_assignments WHERE cooperative_id = $1 AND user_id = $2`, [cooperativeId, userId]);
    // The user's remaining roles in other cooperatives are visible through app.user_id only.
    await this.uow.rows(`SELECT set_config('app.user_id', $1, true)`, [userId]);
    const remaining = await this.users.rolesOf(userId);
    if (Object.keys(remaining.roles).length > 0 || remaining.reviews.length > 0) return 'kept';
    await this.users.anonymise(userId);
    return 'erased';
  }

  /** Board grants a role in its own cooperative (runs in the request's transaction). */
  async grant(actor: Actor, cooperativeId: CooperativeId, email: string, role: CooperativeRole): Promise<RoleAssignmentWithUser> {
    const { id } = await this.grantInTransaction(cooperativeId, email, role, asUserId(actor.userId));
    return (await this.roles.find(cooperativeId, id)) as RoleAssignmentWithUser;
  }

  list(cooperativeId: CooperativeId): Promise<RoleAssignmentWithUser[]> {
    return this.roles.list(cooperativeId);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<RoleAssignmentWithUser> {
    const assignment = await this.roles.find(cooperativeId, id);
    if (!assignment) throw CommonError.notFound('Role assignment');
    return assignment;
  }

  async revoke(cooperativeId: CooperativeId, id: string): Promise<void> {
    const outcome = await this.roles.revoke(cooperativeId, id);
    if (outcome === 'not_found') throw CommonError.notFound('Role assignment');
    if (outcome === 'last_board_member') {
      throw new AuthError(AuthErrorCode.LastBoardMember, 'This is the last board role of the cooperative; grant the board role to someone else first');
    }
    await this.audit.record({ action: 'role.revoke', objectType: 'role_assignment', objectId: id });
  }

  private async grantInTransaction(cooperativeId: CooperativeId, email: string, role: CooperativeRole, grantedBy: UserId | null) {
    const user = await this.users.findByEmail(email);
    if (!user) throw new CommonError(CommonErrorCode.NotFound, `No account with e-mail ${email}; the person must have an account first`, 'email');
    const outcome = await this.roles.grant(cooperativeId, asUserId(user.id), role, grantedBy);
    if (outcome.created) {
      await this.audit.record({ action: 'role.grant', cooperativeId, objectType: 'role_assignment', objectId: outcome.id, details: { userId: user.id, role } });
    }
    return outcome;
  }
}
