import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, UnitOfWork, UsersService, asUserId } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembersRepository } from '../members/members.repository';
import { MembersService } from '../members/members.service';
import { todayInNetherlands } from '../members/notice';
import { OwnProfileResponse, mapOwnProfile } from '../members/dto/member.dto';
import { ApplicationResponse, mapApplication } from '../applications/dto/application.dto';
import { PrivacyRequestResponse, mapPrivacyRequest } from './dto/privacy.dto';
import { MembershipApplication } from '../applications/entities/membership-application.entity';
import { PrivacyRequest } from './entities/privacy-request.entity';
import { PrivacyRepository } from './privacy.repository';

/** Everything the cooperative keeps about one member, as they may download it (AVG art. 15 and 20). */
export interface MemberDataExport {
  exportedAt: string;
  member: OwnProfileResponse;
  household: { name: string; persons: Array<{ firstName: string; lastName: string; dateOfBirth: string | null }> } | null;
  categories: Array<{ category: string; consentedAt: string }>;
  history: Array<{ kind: string; effectiveOn: string; reason: string | null; recordedAt: string }>;
  applications: ApplicationResponse[];
  roles: string[];
  messages: Array<{ kind: string; subject: string; body: string; createdAt: string }>;
  privacyRequests: PrivacyRequestResponse[];
}

@Injectable()
export class PrivacyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly members: MembersRepository,
    private readonly membersService: MembersService,
    private readonly privacy: PrivacyRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async exportOwn(actor: Actor, cooperativeId: CooperativeId): Promise<MemberDataExport> {
    const member = await this.membersService.ownMember(actor, cooperativeId);
    const manager = this.uow.manager();
    const household = member.householdId ? await this.members.household(cooperativeId, member.householdId) : null;
    // One after another: the queries share the transaction's single connection.
    const categories = await this.members.categories(cooperativeId, member.id);
    const history = await this.members.history(cooperativeId, member.id);
    const applications = await manager
      .getRepository(MembershipApplication)
      .find({ where: [{ cooperativeId, memberId: member.id }, ...(member.email ? [{ cooperativeId, email: member.email }] : [])] });
    const roles = await this.uow.rows<{ role: string }>(`SELECT role FROM role_assignments WHERE cooperative_id = $1 AND user_id = $2 ORDER BY role`, [cooperativeId, actor.userId]);
    const messages = await this.uow.rows<{ kind: string; subject: string; body_text: string; created_at: Date }>(
      `SELECT kind, subject, body_text, created_at FROM outbox_messages WHERE cooperative_id = $1 AND lower(to_address) = lower($2) ORDER BY created_at`,
      [cooperativeId, member.email ?? ''],
    );
    const privacyRequests = await this.privacy.forMember(cooperativeId, member.id);
    await this.audit.record({ action: 'member.data_export', objectType: 'member', objectId: member.id });
    return {
      exportedAt: new Date().toISOString(),
      member: mapOwnProfile(member, categories),
      household: household ? { name: household.household.name, persons: household.persons.map((p) => ({ firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth })) } : null,
      categories: categories.map((c) => ({ category: c.category, consentedAt: c.consentedAt.toISOString() })),
      history: history.map((h) => ({ kind: h.kind, effectiveOn: h.effectiveOn, reason: h.reason, recordedAt: h.recordedAt.toISOString() })),
      applications: applications.map(mapApplication),
      roles: roles.map((r) => r.role),
      messages: messages.map((m) => ({ kind: m.kind, subject: m.subject, body: m.body_text, createdAt: m.created_at.toISOString() })),
      privacyRequests: privacyRequests.map(mapPrivacyRequest),
    };
  }

  /** A member asks to be erased; the board carries it out (after checking nothing still binds them). */
  async requestErasure(actor: Actor, cooperativeId: CooperativeId, reason: string | undefined): Promise<PrivacyRequest> {
    const member = await this.membersService.ownMember(actor, cooperativeId);
    const { request, created } = await this.privacy.insertPending(cooperativeId, member.id, reason ?? null);
    if (created) await this.audit.record({ action: 'privacy_request.create', objectType: 'privacy_request', objectId: request.id });
    return request;
  }

  list(cooperativeId: CooperativeId): Promise<PrivacyRequest[]> {
    return this.privacy.list(cooperativeId);
  }

  async complete(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<PrivacyRequest> {
    const request = await this.require(cooperativeId, id);
    if (!(await this.privacy.settle(cooperativeId, id, 'completed', actor.userId, null))) {
      throw new MembershipError(MembershipErrorCode.PrivacyRequestHandled, 'This request was already handled');
    }
    await this.erase(actor, cooperativeId, request.memberId);
    return (await this.privacy.find(cooperativeId, id)) as PrivacyRequest;
  }

  async reject(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<PrivacyRequest> {
    await this.require(cooperativeId, id);
    if (!(await this.privacy.settle(cooperativeId, id, 'rejected', actor.userId, reason))) {
      throw new MembershipError(MembershipErrorCode.PrivacyRequestHandled, 'This request was already handled');
    }
    await this.audit.record({ action: 'privacy_request.reject', objectType: 'privacy_request', objectId: id });
    return (await this.privacy.find(cooperativeId, id)) as PrivacyRequest;
  }

  /** Anonymises the member (and their login, if it serves no other cooperative) in the caller's transaction. */
  async erase(actor: Actor, cooperativeId: CooperativeId, memberId: string): Promise<void> {
    const member = await this.members.find(cooperativeId, memberId);
    if (!member) throw new MembershipError(MembershipErrorCode.MemberNotFound, 'Member was not found');
    if (member.anonymisedAt) return;
    const today = todayInNetherlands();
    const { userId } = await this.privacy.anonymiseMember(cooperativeId, memberId, today);
    await this.members.recordStatusChange(cooperativeId, { memberId, kind: 'erased', effectiveOn: today, reason: null, recordedBy: actor.userId });
    const account = userId ? await this.users.eraseAccount(cooperativeId, asUserId(userId)) : 'none';
    await this.audit.record({ action: 'member.erase', objectType: 'member', objectId: memberId, details: { account } });
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<PrivacyRequest> {
    const request = await this.privacy.find(cooperativeId, id);
    if (!request) throw new MembershipError(MembershipErrorCode.PrivacyRequestNotFound, 'Privacy request was not found');
    return request;
  }
}
