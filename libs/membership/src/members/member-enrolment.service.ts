import { Injectable } from '@nestjs/common';
import { ActivationService, CooperativeId, MailService, TenancyService, UsersService, asUserId } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { Member, MemberRole, Language } from './entities/member.entity';
import { MembersRepository } from './members.repository';
import { MEMBER_INVITATION } from './member-mail';
import { todayInNetherlands } from './notice';

export interface Enrolment {
  membershipTypeId: string;
  role: MemberRole;
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  dateOfBirth: string | null;
  language: Language;
  householdPersons: Array<{ firstName: string; lastName: string; dateOfBirth?: string | null }>;
  /** Keep a number from an earlier register (import); otherwise the next free one. */
  memberNumber?: number;
  joinedOn?: string;
  /** Send the invitation to activate an account (not for a silent import). */
  invite: boolean;
}

/**
 * Makes someone a member, in the caller's transaction: household, member number, account, the
 * `member` role, the first line of the history, and the invitation in the outbox.
 */
@Injectable()
export class MemberEnrolmentService {
  constructor(
    private readonly members: MembersRepository,
    private readonly types: MembershipTypesRepository,
    private readonly activation: ActivationService,
    private readonly users: UsersService,
    private readonly tenancy: TenancyService,
    private readonly mail: MailService,
  ) {}

  async enrol(cooperativeId: CooperativeId, input: Enrolment, recordedBy: string | null): Promise<Member> {
    const type = await this.types.find(cooperativeId, input.membershipTypeId);
    if (!type) throw new MembershipError(MembershipErrorCode.MembershipTypeUnknown, 'This membership type does not exist in the cooperative', 'membershipTypeId');
    if (input.email && (await this.members.findByEmail(cooperativeId, input.email))) {
      throw new MembershipError(MembershipErrorCode.EmailInUse, `A member with e-mail ${input.email} already exists`, 'email');
    }
    const householdId =
      type.kind === 'household'
        ? await this.members.insertHousehold(
            cooperativeId,
            `Huishouden ${input.lastName ?? input.organisationName ?? ''}`.trim(),
            input.householdPersons.map((p) => ({ firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth ?? null })),
          )
        : null;

    let memberNumber = input.memberNumber;
    if (memberNumber === undefined) memberNumber = await this.members.nextMemberNumber(cooperativeId);
    else await this.members.reserveMemberNumber(cooperativeId, memberNumber);

    let userId: string | null = null;
    let activationLink: string | null = null;
    if (input.email) {
      const displayName = [input.firstName, input.lastName].filter(Boolean).join(' ') || input.organisationName || input.email;
      const { user, created } = await this.activation.ensureUser(input.email, displayName);
      userId = user.id;
      await this.users.grantInCurrentTransaction(cooperativeId, asUserId(user.id), 'member', recordedBy ? asUserId(recordedBy) : null);
      if (created && input.invite) activationLink = await this.activation.issueLink(asUserId(user.id));
    }

    const joinedOn = input.joinedOn ?? todayInNetherlands();
    const member = await this.members.insert(cooperativeId, {
      memberNumber,
      membershipTypeId: type.id,
      householdId,
      userId,
      role: input.role,
      firstName: input.firstName,
      lastName: input.lastName,
      organisationName: input.organisationName,
      email: input.email,
      phone: input.phone,
      street: input.street,
      houseNumber: input.houseNumber,
      postcode: input.postcode,
      city: input.city,
      dateOfBirth: input.dateOfBirth,
      language: input.language,
      joinedOn,
    });
    await this.members.recordStatusChange(cooperativeId, { memberId: member.id, kind: 'joined', effectiveOn: joinedOn, reason: null, recordedBy });

    if (input.email && input.invite) {
      const cooperative = await this.tenancy.getCooperative(cooperativeId);
      await this.mail.send(
        MEMBER_INVITATION,
        { cooperativeName: cooperative.name, name: member.firstName ?? member.organisationName ?? '', memberNumber: member.memberNumber, activationLink },
        { to: member.email as string, language: member.language, memberId: member.id },
      );
    }
    return member;
  }
}
