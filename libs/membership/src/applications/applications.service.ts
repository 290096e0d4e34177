import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, MailService, TenancyError, TenancyErrorCode, TenancyService, UnitOfWork, asCooperativeId, normalizePhone, normalizePostcode } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { ProfileRepository } from '../profile/profile.repository';
import { MemberEnrolmentService } from '../members/member-enrolment.service';
import { MembersRepository } from '../members/members.repository';
import { Member } from '../members/entities/member.entity';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationStatus, MembershipApplication } from './entities/membership-application.entity';
import { SignUpDto } from './dto/sign-up.dto';
import { APPLICATION_REJECTED } from './application-mail';

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tenancy: TenancyService,
    private readonly applications: ApplicationsRepository,
    private readonly types: MembershipTypesRepository,
    private readonly profile: ProfileRepository,
    private readonly members: MembersRepository,
    private readonly enrolment: MemberEnrolmentService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** The public sign-up form: anyone may apply; the board decides. */
  async submit(slug: string, dto: SignUpDto): Promise<MembershipApplication> {
    const cooperativeId = await this.cooperativeIdOf(slug);
    return this.uow.run({ cooperativeId }, async () => {
      const type = await this.types.find(cooperativeId, dto.membershipTypeId);
      if (!type || !type.active) throw new MembershipError(MembershipErrorCode.MembershipTypeUnknown, 'Choose one of the membership types of this cooperative', 'membershipTypeId');
      if (type.kind === 'organisation' ? !dto.organisationName : !dto.firstName || !dto.lastName) {
        const field = type.kind === 'organisation' ? 'organisationName' : !dto.firstName ? 'firstName' : 'lastName';
        throw new MembershipError(MembershipErrorCode.IncompleteApplication, `${field} is required for a ${type.name} membership`, field);
      }
      const current = await this.profile.current(cooperativeId);
      if (!dto.privacyConsent) throw new MembershipError(MembershipErrorCode.ConsentRequired, 'You must agree to the privacy statement to apply', 'privacyConsent');
      if (!current || dto.privacyStatementVersion !== current.version) {
        throw new MembershipError(
          MembershipErrorCode.PrivacyStatementOutdated,
          `The privacy statement has changed (now version ${current?.version ?? 0}); read it again and consent to the current version`,
          'privacyStatementVersion',
        );
      }
      if (await this.members.findByEmail(cooperativeId, dto.email)) {
        throw new MembershipError(MembershipErrorCode.EmailInUse, 'This e-mail address already belongs to a member; log in instead', 'email');
      }
      const application = await this.applications.insert(cooperativeId, {
        membershipTypeId: type.id,
        role: dto.role,
        firstName: dto.firstName ?? null,
        lastName: dto.lastName ?? null,
        organisationName: dto.organisationName ?? null,
        email: dto.email.toLowerCase(),
        phone: dto.phone ? (normalizePhone(dto.phone) ?? null) : null,
        street: dto.street,
        houseNumber: dto.houseNumber,
        postcode: normalizePostcode(dto.postcode) ?? null,
        city: dto.city,
        dateOfBirth: dto.dateOfBirth ?? null,
        language: dto.language ?? 'nl',
        householdPersons: type.kind === 'household' ? (dto.householdPersons ?? []) : [],
        privacyStatementVersion: current.version,
        consentedAt: new Date(),
      });
      await this.audit.record({ action: 'application.submit', actorUserId: null, objectType: 'membership_application', objectId: application.id });
      return application;
    });
  }

  list(cooperativeId: CooperativeId, status: ApplicationStatus | undefined, page: number, pageSize: number) {
    return this.applications.list(cooperativeId, status, page, pageSize);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<MembershipApplication> {
    const application = await this.applications.find(cooperativeId, id);
    if (!application) throw new MembershipError(MembershipErrorCode.ApplicationNotFound, 'Application was not found');
    return application;
  }

  /**
   * Approves and enrols. Approving an application that is already approved answers with its member
   * ("already applied"); approving a rejected one is a conflict.
   */
  async approve(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<{ application: MembershipApplication; member: Member; created: boolean }> {
    const application = await this.get(cooperativeId, id);
    if (!(await this.applications.claim(cooperativeId, id, 'approved', actor.userId, null))) {
      const decided = await this.get(cooperativeId, id);
      if (decided.status === 'approved' && decided.memberId) {
        return { application: decided, member: (await this.members.find(cooperativeId, decided.memberId)) as Member, created: false };
      }
      throw new MembershipError(MembershipErrorCode.ApplicationAlreadyDecided, `This application was already ${decided.status}`);
    }
    const member = await this.enrolment.enrol(
      cooperativeId,
      {
        membershipTypeId: application.membershipTypeId,
        role: application.role,
        firstName: application.firstName,
        lastName: application.lastName,
        organisationName: application.organisationName,
        email: application.email,
        phone: application.phone,
        street: application.street,
        houseNumber: application.houseNumber,
        postcode: application.postcode,
        city: application.city,
        dateOfBirth: application.dateOfBirth,
        language: application.language,
        householdPersons: application.householdPersons,
        invite: true,
      },
      actor.userId,
    );
    await this.applications.linkMember(cooperativeId, id, member.id);
    await this.audit.record({ action: 'application.approve', objectType: 'membership_application', objectId: id, details: { memberId: member.id, memberNumber: member.memberNumber } });
    return { application: await this.get(cooperativeId, id), member, created: true };
  }

  async reject(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<MembershipApplication> {
    const application = await this.get(cooperativeId, id);
    if (!(await this.applications.claim(cooperativeId, id, 'rejected', actor.userId, reason))) {
      const decided = await this.get(cooperativeId, id);
      if (decided.status === 'rejected') return decided;
      throw new MembershipError(MembershipErrorCode.ApplicationAlreadyDecided, `This application was already ${decided.status}`);
    }
    if (application.email) {
      const cooperative = await this.tenancy.getCooperative(cooperativeId);
      await this.mail.send(
        APPLICATION_REJECTED,
        { cooperativeName: cooperative.name, name: application.firstName ?? application.organisationName ?? '', reason },
        { to: application.email, language: application.language },
      );
    }
    await this.audit.record({ action: 'application.reject', objectType: 'membership_application', objectId: id });
    return this.get(cooperativeId, id);
  }

  async cooperativeIdOf(slug: string): Promise<CooperativeId> {
    try {
      return asCooperativeId((await this.tenancy.requireCooperativeBySlug(slug)).id);
    } catch (error) {
      // Only an unknown slug is the client's doing; a database that does not answer is not a 404.
      if (!(error instanceof TenancyError && error.code === TenancyErrorCode.CooperativeNotFound)) throw error;
      throw new MembershipError(MembershipErrorCode.CooperativeNotFound, `No cooperative '${slug}'`);
    }
  }
}
