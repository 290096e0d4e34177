import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, Permission, TenancyService, dutchDate, roleGrants, rolesIn } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { ParticipationAgreement } from './entities/participation-agreement.entity';
import { ParticipationError, ParticipationErrorCode } from './participation.errors';
import { AgreementMonth, NewAgreement, ParticipationRepository } from './participation.repository';
import { isFirstOfMonth, isLastOfMonth, lastDayOf, monthOf } from './participation-months';
import { hasConsent } from './dto/participation-agreement.dto';
import { renderAttestationPdf } from './attestation-pdf';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type RecordAgreement = Omit<NewAgreement, 'externalReference' | 'endsOn'> & { externalReference?: string | null; endsOn?: string | null };

export interface AgreementWithMonths {
  agreement: ParticipationAgreement;
  months: AgreementMonth[];
  /** `YYYY-MM` of today in the Netherlands: that month is still running. */
  currentMonth: string;
}

/**
 * Participation agreements (deelnameafspraken): hours a month a member commits to, against the hours
 * their completed bookings as provider show. Attestations for the social services are issued only while
 * the member consents, and only the member gives or withdraws that consent.
 */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly agreements: ParticipationRepository,
    private readonly members: MembersService,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor | null, cooperativeId: CooperativeId, input: RecordAgreement): Promise<ParticipationAgreement> {
    const endsOn = input.endsOn ?? null;
    if (!isFirstOfMonth(input.startsOn)) throw new ParticipationError(ParticipationErrorCode.InvalidPeriod, `startsOn must be the first day of a month, not ${input.startsOn}`, 'startsOn');
    if (endsOn !== null) this.checkEnd(endsOn, input.startsOn);
    if (!(await this.members.standing(cooperativeId, { memberId: input.memberId }))) {
      throw new ParticipationError(ParticipationErrorCode.MemberUnknown, 'memberId: no such member in this cooperative', 'memberId');
    }
    const clash = await this.agreements.overlapping(cooperativeId, input.memberId, input.purpose, input.startsOn, endsOn);
    if (clash) throw this.overlap(clash);
    const agreement = await this.agreements.insert(cooperativeId, { ...input, externalReference: input.externalReference ?? null, endsOn }, actor?.userId ?? null);
    // A racing request recorded the same member and purpose between the check and the insert.
    if (!agreement) throw new ParticipationError(ParticipationErrorCode.Overlap, `The member already has a ${input.purpose} agreement in these months`, 'startsOn');
    await this.audit.record({
      action: 'participation_agreement.record',
      objectType: 'participation_agreement',
      objectId: agreement.id,
      details: { memberId: agreement.memberId, purpose: agreement.purpose, minutesPerMonth: agreement.minutesPerMonth, startsOn: agreement.startsOn, endsOn: agreement.endsOn },
    });
    return agreement;
  }

  list(cooperativeId: CooperativeId, filter: { memberId?: string; active?: boolean }): Promise<ParticipationAgreement[]> {
    return this.agreements.list(cooperativeId, { memberId: filter.memberId, active: filter.active === undefined ? undefined : { value: filter.active, on: this.today() } });
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<AgreementWithMonths> {
    return this.withMonths(cooperativeId, await this.require(cooperativeId, id));
  }

  /** The member's own agreements, each with its months. */
  async own(actor: Actor, cooperativeId: CooperativeId): Promise<AgreementWithMonths[]> {
    const member = await this.members.ownMember(actor, cooperativeId);
    const agreements = await this.agreements.list(cooperativeId, { memberId: member.id });
    const result: AgreementWithMonths[] = [];
    for (const agreement of agreements) result.push(await this.withMonths(cooperativeId, agreement));
    return result;
  }

  /** Ends an agreement on the last day of a month; it may end in the past (its later months then lapse). */
  async end(cooperativeId: CooperativeId, id: string, endsOn: string): Promise<AgreementWithMonths> {
    const agreement = await this.require(cooperativeId, id);
    if (agreement.endedAt) throw new ParticipationError(ParticipationErrorCode.AlreadyEnded, `The agreement was already ended, on ${agreement.endsOn}`, 'endsOn');
    this.checkEnd(endsOn, agreement.startsOn);
    if (agreement.endsOn !== null && endsOn > agreement.endsOn) {
      throw new ParticipationError(ParticipationErrorCode.InvalidPeriod, `endsOn: the agreement already ends on ${agreement.endsOn}; ending it cannot extend it`, 'endsOn');
    }
    if (!(await this.agreements.end(cooperativeId, id, endsOn, this.clock.now()))) {
      throw new ParticipationError(ParticipationErrorCode.AlreadyEnded, 'The agreement was ended by someone else just now', 'endsOn');
    }
    await this.audit.record({ action: 'participation_agreement.end', objectType: 'participation_agreement', objectId: id, details: { endsOn, previousEndsOn: agreement.endsOn } });
    return this.get(cooperativeId, id);
  }

  /** The member consents to attestations; nobody else may give it on their behalf. Giving it twice changes nothing. */
  giveConsent(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<ParticipationAgreement> {
    return this.changeConsent(actor, cooperativeId, id, 'give');
  }

  withdrawConsent(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<ParticipationAgreement> {
    return this.changeConsent(actor, cooperativeId, id, 'withdraw');
  }

  /** The attestation of one month, for the member or the board, and only while the member consents. */
  async attestation(actor: Actor, cooperativeId: CooperativeId, id: string, month: string): Promise<{ pdf: Buffer; fileName: string }> {
    const agreement = await this.require(cooperativeId, id);
    const own = (await this.members.standing(cooperativeId, { userId: actor.userId }))?.memberId === agreement.memberId;
    if (!own && !roleGrants(rolesIn(actor, cooperativeId), Permission.ObligationRead)) {
      throw new ParticipationError(ParticipationErrorCode.NotYourAgreement, 'Only the member and the board may have an attestation of this agreement issued');
    }
    if (!MONTH.test(month)) throw new ParticipationError(ParticipationErrorCode.InvalidPeriod, `month must be a month like 2027-03, not ${JSON.stringify(month)}`, 'month');
    const today = this.today();
    if (month > monthOf(today)) throw new ParticipationError(ParticipationErrorCode.MonthOutside, `month: ${month} has not begun yet`, 'month');
    if (month < monthOf(agreement.startsOn) || (agreement.endsOn !== null && month > monthOf(agreement.endsOn))) {
      throw new ParticipationError(ParticipationErrorCode.MonthOutside, `month: the agreement runs from ${agreement.startsOn} through ${agreement.endsOn ?? '(open end)'}, not in ${month}`, 'month');
    }
    if (!hasConsent(agreement)) {
      throw new ParticipationError(ParticipationErrorCode.NoConsent, 'The member has not consented to attestations of this agreement; only the member can give that consent');
    }
    const figures = (await this.agreements.months(cooperativeId, id, lastDayOf(month))).find((m) => m.month === month) as AgreementMonth;
    const member = await this.agreements.memberIdentity(cooperativeId, agreement.memberId);
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    const pdf = await renderAttestationPdf({
      cooperativeName: cooperative.name,
      memberName: member?.name ?? '',
      memberNumber: member?.memberNumber ?? 0,
      month,
      purpose: agreement.purpose,
      description: agreement.description,
      externalReference: agreement.externalReference,
      agreedMinutes: figures.agreedMinutes,
      deliveredMinutes: figures.deliveredMinutes,
      workKinds: await this.agreements.workKinds(cooperativeId, id, month),
      issuedOn: today,
    });
    await this.audit.record({
      action: 'participation_agreement.attestation_issue',
      objectType: 'participation_agreement',
      objectId: id,
      details: { month, memberId: agreement.memberId, requestedBy: own ? 'member' : 'board', agreedMinutes: figures.agreedMinutes, deliveredMinutes: figures.deliveredMinutes },
    });
    return { pdf, fileName: `verklaring-deelname-${month}.pdf` };
  }

  private async changeConsent(actor: Actor, cooperativeId: CooperativeId, id: string, change: 'give' | 'withdraw'): Promise<ParticipationAgreement> {
    const agreement = await this.requireOwn(actor, cooperativeId, id, `${change} consent for`);
    const at = this.clock.now();
    const changed = change === 'give' ? await this.agreements.giveConsent(cooperativeId, id, at) : await this.agreements.withdrawConsent(cooperativeId, id, at);
    if (changed) {
      await this.audit.record({ action: `participation_agreement.attestation_consent.${change}`, objectType: 'participation_agreement', objectId: id, details: { at: at.toISOString(), memberId: agreement.memberId } });
    }
    return this.require(cooperativeId, id);
  }

  private async withMonths(cooperativeId: CooperativeId, agreement: ParticipationAgreement): Promise<AgreementWithMonths> {
    const today = this.today();
    return { agreement, months: await this.agreements.months(cooperativeId, agreement.id, today), currentMonth: monthOf(today) };
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<ParticipationAgreement> {
    const agreement = await this.agreements.find(cooperativeId, id);
    if (!agreement) throw new ParticipationError(ParticipationErrorCode.NotFound, 'Participation agreement was not found');
    return agreement;
  }

  /** The agreement, if it is the actor's own: consent is the member's alone, the board's roles do not stand in for it. */
  private async requireOwn(actor: Actor, cooperativeId: CooperativeId, id: string, what: string): Promise<ParticipationAgreement> {
    const agreement = await this.require(cooperativeId, id);
    const standing = await this.members.standing(cooperativeId, { userId: actor.userId });
    if (standing?.memberId !== agreement.memberId) {
      throw new ParticipationError(ParticipationErrorCode.NotYourAgreement, `Only the member whose agreement it is may ${what} attestations`);
    }
    return agreement;
  }

  private checkEnd(endsOn: string, startsOn: string): void {
    if (!isLastOfMonth(endsOn)) throw new ParticipationError(ParticipationErrorCode.InvalidPeriod, `endsOn must be the last day of a month, not ${endsOn}`, 'endsOn');
    if (endsOn < startsOn) throw new ParticipationError(ParticipationErrorCode.InvalidPeriod, `endsOn must not be before the agreement starts (${startsOn})`, 'endsOn');
  }

  private overlap(clash: ParticipationAgreement): ParticipationError {
    return new ParticipationError(
      ParticipationErrorCode.Overlap,
      `startsOn: the member already has a ${clash.purpose} agreement from ${clash.startsOn} ${clash.endsOn ? `through ${clash.endsOn}` : 'without an end'}; end it first`,
      'startsOn',
    );
  }

  private today(): string {
    return dutchDate(this.clock.now());
  }
}
