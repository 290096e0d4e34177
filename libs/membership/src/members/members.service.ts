import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, normalizePhone, normalizePostcode } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { ProfileRepository } from '../profile/profile.repository';
import { Member, MemberStatus } from './entities/member.entity';
import { MemberCategory, VulnerabilityCategory } from './entities/member-category.entity';
import { MemberStatusChange, StatusChangeKind } from './entities/member-status-change.entity';
import { MemberFilter, MemberStanding, MembersMonth, MembersRepository } from './members.repository';
import { StatusAction, UpdateMemberDto, UpdateOwnProfileDto } from './dto/member.dto';
import { noticeEffectiveDate, todayInNetherlands } from './notice';

const TRANSITIONS: Record<StatusAction, { from: MemberStatus[]; to: MemberStatus; kind: StatusChangeKind }> = {
  suspend: { from: ['active'], to: 'suspended', kind: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active', kind: 'reinstated' },
  // Notice keeps the status as it is until the day the statutes say the membership ends.
  notice: { from: ['active', 'suspended'], to: 'active', kind: 'notice' },
  end: { from: ['active', 'suspended'], to: 'ended', kind: 'ended' },
};

@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly types: MembershipTypesRepository,
    private readonly profile: ProfileRepository,
    private readonly audit: AuditService,
  ) {}

  /** The register shows names, addresses and e-mail addresses: each look at it is audited (the filter, not the results). */
  async search(cooperativeId: CooperativeId, filter: MemberFilter) {
    const page = await this.members.search(cooperativeId, filter);
    await this.audit.record({
      action: 'member.list',
      objectType: 'member',
      details: { filter: { ...filter, search: filter.search ? '(search term)' : undefined }, shown: page.items.length },
    });
    return page;
  }

  /** The board (or a coordinator) opens a member's record: that access to personal data is audited. */
  async view(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<{ member: Member; history: MemberStatusChange[] }> {
    const member = await this.require(cooperativeId, id);
    if (member.userId !== actor.userId) await this.audit.record({ action: 'member.view', objectType: 'member', objectId: id });
    return { member, history: await this.members.history(cooperativeId, id) };
  }

  async update(cooperativeId: CooperativeId, id: string, dto: UpdateMemberDto): Promise<Member> {
    const member = await this.require(cooperativeId, id);
    this.refuseErased(member);
    if (dto.membershipTypeId && !(await this.types.find(cooperativeId, dto.membershipTypeId))) {
      throw new MembershipError(MembershipErrorCode.MembershipTypeUnknown, 'This membership type does not exist in the cooperative', 'membershipTypeId');
    }
    await this.members.update(cooperativeId, id, this.patch(dto));
    await this.audit.record({ action: 'member.update', objectType: 'member', objectId: id, details: { fields: Object.keys(dto) } });
    return this.require(cooperativeId, id);
  }

  async changeStatus(actor: Actor, cooperativeId: CooperativeId, id: string, action: StatusAction, reason: string): Promise<Member> {
    const member = await this.require(cooperativeId, id);
    this.refuseErased(member);
    const rule = TRANSITIONS[action];
    const today = todayInNetherlands();
    let effectiveOn = today;
    let applied: boolean;
    if (action === 'notice') {
      // Notice leaves the status alone; only the first of two racing notices finds ends_on still empty.
      const statutes = await this.profile.find(cooperativeId);
      effectiveOn = noticeEffectiveDate(statutes.noticeRule, statutes.noticePeriodMonths, today);
      applied = await this.members.giveNotice(cooperativeId, id, effectiveOn);
    } else {
      applied = await this.members.transition(cooperativeId, id, rule.from, rule.to, action === 'end' ? today : null);
    }
    if (!applied) {
      const now = await this.require(cooperativeId, id);
      const why = action === 'notice' && now.endsOn ? `Notice was already given; the membership ends on ${now.endsOn}` : `A ${now.status} membership cannot be given '${action}'`;
      throw new MembershipError(MembershipErrorCode.StatusChangeNotAllowed, why, 'action');
    }
    await this.members.recordStatusChange(cooperativeId, { memberId: id, kind: rule.kind, effectiveOn, reason, recordedBy: actor.userId });
    await this.audit.record({ action: `member.${action}`, objectType: 'member', objectId: id, details: { effectiveOn } });
    return this.require(cooperativeId, id);
  }

  async own(actor: Actor, cooperativeId: CooperativeId): Promise<{ member: Member; categories: MemberCategory[] }> {
    const member = await this.ownMember(actor, cooperativeId);
    return { member, categories: await this.members.categories(cooperativeId, member.id) };
  }

  async updateOwn(actor: Actor, cooperativeId: CooperativeId, dto: UpdateOwnProfileDto): Promise<{ member: Member; categories: MemberCategory[] }> {
    const member = await this.ownMember(actor, cooperativeId);
    await this.members.update(cooperativeId, member.id, this.patch(dto));
    await this.audit.record({ action: 'member.update_own', objectType: 'member', objectId: member.id, details: { fields: Object.keys(dto) } });
    return this.own(actor, cooperativeId);
  }

  /** Stores the categories the member declares with consent; an empty list withdraws consent and deletes them. */
  async setOwnCategories(actor: Actor, cooperativeId: CooperativeId, categories: VulnerabilityCategory[]): Promise<{ member: Member; categories: MemberCategory[] }> {
    const member = await this.ownMember(actor, cooperativeId);
    await this.members.replaceCategories(cooperativeId, member.id, categories);
    await this.audit.record({ action: categories.length ? 'member.categories.consent' : 'member.categories.withdraw', objectType: 'member', objectId: member.id });
    return this.own(actor, cooperativeId);
  }

  async ownMember(actor: Actor, cooperativeId: CooperativeId): Promise<Member> {
    const member = await this.members.findByUser(cooperativeId, actor.userId);
    if (!member) throw new MembershipError(MembershipErrorCode.NoMemberRecord, 'Your account has no membership in this cooperative');
    return member;
  }

  /** For other libs: the member with this e-mail address, if any. */
  async memberIdByEmail(cooperativeId: CooperativeId, email: string): Promise<string | undefined> {
    return (await this.members.findByEmail(cooperativeId, email))?.id;
  }

  /** For other libs (the exchange): a member's standing, by member id or by their login. */
  standing(cooperativeId: CooperativeId, where: { memberId?: string; userId?: string }): Promise<MemberStanding | null> {
    return this.members.standing(cooperativeId, where);
  }

  /**
   * For the obligations engine: suspends members' booking rights (an escalated, unmet obligation) or, with
   * `reason` null, restores them. Returns the members whose rights changed.
   */
  setBookingSuspension(cooperativeId: CooperativeId, memberIds: string[], reason: string | null): Promise<string[]> {
    return memberIds.length === 0 ? Promise.resolve([]) : this.members.setBookingSuspension(cooperativeId, memberIds, reason);
  }

  standings(cooperativeId: CooperativeId, memberIds: string[]): Promise<MemberStanding[]> {
    return memberIds.length === 0 ? Promise.resolve([]) : this.members.standings(cooperativeId, memberIds);
  }

  /** For the board's dashboard: members at each month's end, joiners and leavers per month (counts only). */
  membersOverTime(cooperativeId: CooperativeId, from: string, through: string): Promise<MembersMonth[]> {
    return this.members.overTime(cooperativeId, from, through);
  }

  /** Ends memberships whose notice period has run out (a worker job, for every cooperative). */
  async endExpiredNotices(cooperativeId: CooperativeId, today: string): Promise<number> {
    return this.members.endExpiredNotices(cooperativeId, today);
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<Member> {
    const member = await this.members.find(cooperativeId, id);
    if (!member) throw new MembershipError(MembershipErrorCode.MemberNotFound, 'Member was not found');
    return member;
  }

  private refuseErased(member: Member): void {
    if (member.anonymisedAt) throw new MembershipError(MembershipErrorCode.MemberErased, 'This member was erased on request; the record can no longer change');
  }

  private patch(dto: UpdateMemberDto | UpdateOwnProfileDto): Partial<Member> {
    const { postcode, phone, email, ...rest } = dto as UpdateMemberDto & UpdateOwnProfileDto & { email?: string };
    return {
      ...rest,
      ...(postcode !== undefined ? { postcode: normalizePostcode(postcode) ?? null } : {}),
      ...(phone !== undefined ? { phone: normalizePhone(phone) ?? null } : {}),
      ...(email !== undefined ? { email: email.toLowerCase() } : {}),
    };
  }
}
