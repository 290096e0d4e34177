import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId, TenancyService, UnitOfWork, normalizeIban, normalizePostcode } from '@buurtcoop/core';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { FIRST_PRIVACY_STATEMENT, ProfileRepository } from './profile.repository';
import { CooperativeProfile } from './entities/cooperative-profile.entity';
import { PrivacyStatement } from './entities/privacy-statement.entity';
import { MembershipType } from '../membership-types/entities/membership-type.entity';
import { UpdateProfileDto } from './dto/profile.dto';

@Injectable()
export class ProfileService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly profiles: ProfileRepository,
    private readonly types: MembershipTypesRepository,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** A new cooperative's starting point: a profile, the standard membership types and a first privacy statement. */
  async setUp(cooperativeId: CooperativeId): Promise<void> {
    await this.profiles.ensure(cooperativeId);
    await this.types.seedDefaults(cooperativeId);
    if (!(await this.profiles.current(cooperativeId))) await this.profiles.publish(cooperativeId, FIRST_PRIVACY_STATEMENT);
  }

  get(cooperativeId: CooperativeId): Promise<CooperativeProfile> {
    return this.profiles.find(cooperativeId);
  }

  async update(cooperativeId: CooperativeId, dto: UpdateProfileDto): Promise<CooperativeProfile> {
    await this.profiles.update(cooperativeId, {
      ...dto,
      ...(dto.kvkNumber !== undefined ? { kvkNumber: dto.kvkNumber.trim() } : {}),
      ...(dto.postcode !== undefined ? { postcode: normalizePostcode(dto.postcode) } : {}),
      ...(dto.iban !== undefined ? { iban: normalizeIban(dto.iban) } : {}),
      ...(dto.creditorId !== undefined ? { creditorId: dto.creditorId.replace(/\s/g, '').toUpperCase() } : {}),
    });
    await this.audit.record({ action: 'profile.update', objectType: 'cooperative_profile', objectId: cooperativeId, details: { fields: Object.keys(dto) } });
    return this.profiles.find(cooperativeId);
  }

  async publishPrivacyStatement(cooperativeId: CooperativeId, text: string): Promise<PrivacyStatement> {
    const statement = await this.profiles.publish(cooperativeId, text);
    await this.audit.record({ action: 'privacy_statement.publish', objectType: 'privacy_statement', objectId: statement.id, details: { version: statement.version } });
    return statement;
  }

  privacyStatements(cooperativeId: CooperativeId): Promise<PrivacyStatement[]> {
    return this.profiles.versions(cooperativeId);
  }

  membershipTypes(cooperativeId: CooperativeId): Promise<MembershipType[]> {
    return this.types.list(cooperativeId);
  }

  /** For the public sign-up form; runs in its own transaction with the cooperative found by slug. */
  async signUpInfo(slug: string, cooperativeId: CooperativeId): Promise<{ name: string; types: MembershipType[]; statement: PrivacyStatement }> {
    const cooperative = await this.tenancy.requireCooperativeBySlug(slug);
    return this.uow.run({ cooperativeId }, async () => ({
      name: cooperative.name,
      types: await this.types.list(cooperativeId),
      statement: (await this.profiles.current(cooperativeId)) as PrivacyStatement,
    }));
  }
}
