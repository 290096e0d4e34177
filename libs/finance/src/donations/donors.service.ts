import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, dutchDate, isValidIban, normalizeIban, normalizePostcode } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { FundsService } from '../funds/funds.service';
import { CreatePledgeDto, CreateDonorDto, EndPledgeDto, PledgeResponse, UpdateDonorDto, mapPledge } from './dto';
import { DonationPledge, Donor } from './entities/donation.entity';
import { DonationsError, DonationsErrorCode } from './donations.errors';
import { DonationsRepository, NewDonor } from './donations.repository';
import { installmentsDue } from './pledge-schedule';

/** The register of donors and their pledges (periodieke giften). */
@Injectable()
export class DonorsService {
  constructor(
    private readonly donations: DonationsRepository,
    private readonly funds: FundsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, cooperativeId: CooperativeId, dto: CreateDonorDto): Promise<Donor> {
    const input = await this.clean(cooperativeId, dto);
    const donor = await this.donations.insertDonor(
      cooperativeId,
      {
        kind: dto.kind,
        name: dto.name.trim(),
        contactPerson: input.contactPerson ?? null,
        email: input.email ?? null,
        street: input.street ?? null,
        postcode: input.postcode ?? null,
        city: input.city ?? null,
        iban: input.iban ?? null,
        memberId: input.memberId ?? null,
        publicConsent: dto.publicConsent ?? false,
      },
      actor.userId,
    );
    if (!donor) throw this.emailTaken(dto.email as string);
    await this.audit.record({ action: 'donor.create', objectType: 'donor', objectId: donor.id, details: { kind: donor.kind } });
    return donor;
  }

  async update(actor: Actor, cooperativeId: CooperativeId, id: string, dto: UpdateDonorDto): Promise<Donor> {
    const donor = await this.get(cooperativeId, id);
    const changes = await this.clean(cooperativeId, dto, donor.id);
    await this.donations.updateDonor(cooperativeId, donor.id, changes);
    await this.audit.record({ action: 'donor.update', objectType: 'donor', objectId: donor.id, details: { fields: Object.keys(changes) } });
    return this.get(cooperativeId, donor.id);
  }

  async get(cooperativeId: CooperativeId, id: string, field?: string): Promise<Donor> {
    const donor = await this.donations.donor(cooperativeId, id);
    if (!donor) throw new DonationsError(DonationsErrorCode.DonorNotFound, field ? `${field}: no such donor` : 'Donor was not found', field);
    return donor;
  }

  search(cooperativeId: CooperativeId, filter: { q?: string; kind?: Donor['kind']; page: number; pageSize: number }): Promise<[Donor[], number]> {
    return this.donations.searchDonors(cooperativeId, { ...filter, q: filter.q?.trim() || undefined });
  }

  async createPledge(actor: Actor, cooperativeId: CooperativeId, donorId: string, dto: CreatePledgeDto): Promise<PledgeResponse> {
    const donor = await this.get(cooperativeId, donorId);
    if (dto.endsOn && dto.endsOn < dto.startsOn) throw new DonationsError(DonationsErrorCode.InvalidPeriod, 'endsOn must not be before startsOn', 'endsOn');
    if (dto.fundId) await this.funds.requireOpen(cooperativeId, dto.fundId, { on: dto.startsOn, field: 'fundId' });
    const pledge = await this.donations.insertPledge(
      cooperativeId,
      { donorId: donor.id, amountCents: dto.amountCents, frequency: dto.frequency, startsOn: dto.startsOn, endsOn: dto.endsOn ?? null, fundId: dto.fundId ?? null, channel: dto.channel },
      actor.userId,
    );
    await this.audit.record({ action: 'pledge.create', objectType: 'donation_pledge', objectId: pledge.id, details: { donorId: donor.id, amountCents: dto.amountCents, frequency: dto.frequency } });
    return (await this.withFigures(cooperativeId, [(await this.donations.pledge(cooperativeId, pledge.id)) as DonationPledge]))[0];
  }

  async pledges(cooperativeId: CooperativeId, donorId: string): Promise<PledgeResponse[]> {
    const donor = await this.get(cooperativeId, donorId);
    return this.withFigures(cooperativeId, await this.donations.pledgesOf(cooperativeId, donor.id));
  }

  /** Ends a pledge: no payment falls due after `endsOn` (default today). */
  async endPledge(actor: Actor, cooperativeId: CooperativeId, pledgeId: string, dto: EndPledgeDto): Promise<PledgeResponse> {
    const pledge = await this.pledge(cooperativeId, pledgeId);
    const endsOn = dto.endsOn ?? dutchDate(this.clock.now());
    if (pledge.endsOn !== null && pledge.endsOn <= endsOn) throw new DonationsError(DonationsErrorCode.PledgeEnded, `This pledge ends on ${pledge.endsOn} already`, 'endsOn');
    if (endsOn < pledge.startsOn) throw new DonationsError(DonationsErrorCode.InvalidPeriod, `endsOn must not be before the pledge’s start, ${pledge.startsOn}`, 'endsOn');
    await this.donations.endPledge(cooperativeId, pledge.id, endsOn);
    await this.audit.record({ action: 'pledge.end', objectType: 'donation_pledge', objectId: pledge.id, details: { endsOn } });
    return (await this.withFigures(cooperativeId, [(await this.donations.pledge(cooperativeId, pledge.id)) as DonationPledge]))[0];
  }

  async pledge(cooperativeId: CooperativeId, id: string, field?: string): Promise<DonationPledge> {
    const pledge = await this.donations.pledge(cooperativeId, id);
    if (!pledge) throw new DonationsError(DonationsErrorCode.PledgeNotFound, field ? `${field}: no such pledge` : 'Pledge was not found', field);
    return pledge;
  }

  private async withFigures(cooperativeId: CooperativeId, pledges: DonationPledge[]): Promise<PledgeResponse[]> {
    const today = dutchDate(this.clock.now());
    const received = await this.donations.receivedByPledge(cooperativeId, pledges.map((p) => p.id));
    return pledges.map((p) =>
      mapPledge(p, { expectedCents: installmentsDue(p, today) * p.amountCents, receivedCents: received.get(p.id) ?? 0, ended: p.endsOn !== null && p.endsOn < today }),
    );
  }

  /** Normalises what was given and checks it; only the fields present come back. */
  private async clean(cooperativeId: CooperativeId, dto: UpdateDonorDto, donorId?: string): Promise<Partial<NewDonor>> {
    const changes: Partial<NewDonor> = {};
    const text = (value: string | undefined) => (value === undefined ? undefined : value.trim());
    if (dto.kind !== undefined) changes.kind = dto.kind;
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.contactPerson !== undefined) changes.contactPerson = text(dto.contactPerson);
    if (dto.street !== undefined) changes.street = text(dto.street);
    if (dto.city !== undefined) changes.city = text(dto.city);
    if (dto.postcode !== undefined) changes.postcode = normalizePostcode(dto.postcode) ?? null;
    if (dto.publicConsent !== undefined) changes.publicConsent = dto.publicConsent;
    if (dto.iban !== undefined) {
      if (!isValidIban(dto.iban)) throw new DonationsError(DonationsErrorCode.InvalidIban, 'iban must be a valid IBAN (check digits and length)', 'iban');
      changes.iban = normalizeIban(dto.iban);
    }
    if (dto.email !== undefined) {
      const email = dto.email.trim().toLowerCase();
      const other = await this.donations.donorByEmail(cooperativeId, email);
      if (other && other.id !== donorId) throw this.emailTaken(email);
      changes.email = email;
    }
    if (dto.memberId !== undefined) {
      if (!(await this.members.standing(cooperativeId, { memberId: dto.memberId }))) throw new DonationsError(DonationsErrorCode.MemberNotFound, 'memberId: no such member', 'memberId');
      changes.memberId = dto.memberId;
    }
    return changes;
  }

  private emailTaken(email: string): DonationsError {
    return new DonationsError(DonationsErrorCode.EmailTaken, `email: a donor with the address ${email} is registered already`, 'email');
  }
}
