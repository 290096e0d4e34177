import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, Permission, dutchDate, isCalendarDate, maskIban, normalizeIban, pageOf, roleGrants, rolesIn } from '@buurtcoop/core';
import { MemberStanding, MembersService } from '@buurtcoop/membership';
import { MandateAmendment, SequenceType } from './pain008';
import { MandateKind, SepaMandate } from './entities/sepa-mandate.entity';
import { AmendMandateDto, CreateMandateDto, MandateQueryDto, MandateView, RevokeMandateDto, SignOwnMandateDto } from './dto/sepa.dto';
import { SepaError, SepaErrorCode } from './sepa.errors';
import { SepaMandatesRepository } from './sepa-mandates.repository';
import { SepaSettingsRepository } from './sepa-settings.repository';
import { nextSequenceType } from './sequence-type';
import { sameBank } from './sepa-bank';

/** A mandate the collection run may collect on now, with everything its pain.008 transaction needs. */
export interface CollectableMandate {
  mandateId: string;
  memberId: string;
  reference: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  signedOn: string;
  sequenceType: SequenceType;
  /** Changes since the last collection, for `AmdmntInfDtls`; null when there are none. */
  amendment: MandateAmendment | null;
}

const GENERATED_REFERENCE_ATTEMPTS = 10;

@Injectable()
export class SepaMandatesService {
  constructor(
    private readonly mandates: SepaMandatesRepository,
    private readonly settings: SepaSettingsRepository,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, cooperativeId: CooperativeId, query: MandateQueryDto): Promise<MandateView[]> {
    const page = pageOf(query);
    const found = await this.mandates.list(cooperativeId, { memberId: query.memberId, status: query.status }, page);
    return found.map((m) => this.view(m, this.seesFullIban(actor, cooperativeId)));
  }

  async get(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<MandateView> {
    const mandate = await this.require(cooperativeId, id);
    return { ...this.view(mandate, this.seesFullIban(actor, cooperativeId)), amendments: await this.mandates.amendments(cooperativeId, [id]) };
  }

  /** The treasurer records a mandate signed on paper. */
  async create(actor: Actor, cooperativeId: CooperativeId, dto: CreateMandateDto): Promise<MandateView> {
    await this.requireSettings(cooperativeId);
    const member = await this.members.standing(cooperativeId, { memberId: dto.memberId });
    if (!member) throw new SepaError(SepaErrorCode.MemberUnknown, 'No such member in this cooperative', 'memberId');
    this.refuseEnded(member, 'memberId');
    this.notInFuture(dto.signedOn, 'signedOn');
    const mandate = await this.insert(cooperativeId, member, dto.reference ?? null, {
      debtorName: dto.debtorName,
      iban: dto.iban,
      bic: dto.bic ?? null,
      signedOn: dto.signedOn,
      kind: dto.kind,
      signedVia: 'treasurer',
      createdBy: actor.userId,
    });
    return { ...this.view(mandate, this.seesFullIban(actor, cooperativeId)), amendments: [] };
  }

  /** The member signs a recurrent mandate for their own dues, online, today. */
  async signOwn(actor: Actor, cooperativeId: CooperativeId, dto: SignOwnMandateDto): Promise<MandateView> {
    await this.requireSettings(cooperativeId);
    const member = await this.ownMember(actor, cooperativeId);
    this.refuseEnded(member);
    const mandate = await this.insert(cooperativeId, member, null, {
      debtorName: dto.accountHolderName,
      iban: dto.iban,
      bic: dto.bic ?? null,
      signedOn: this.today(),
      kind: 'recurrent',
      signedVia: 'member',
      createdBy: actor.userId,
    });
    return this.view(mandate, true);
  }

  async own(actor: Actor, cooperativeId: CooperativeId): Promise<MandateView[]> {
    const member = await this.ownMember(actor, cooperativeId);
    return (await this.mandates.ofMember(cooperativeId, member.memberId)).map((m) => this.view(m, true));
  }

  /**
   * A new reference or account. The change is kept with the originals; once the mandate has been collected on,
   * it stays pending until the next collection reports it to the debtor's bank.
   */
  async amend(actor: Actor, cooperativeId: CooperativeId, id: string, dto: AmendMandateDto): Promise<MandateView> {
    const mandate = await this.require(cooperativeId, id);
    this.refuseClosed(mandate);
    const iban = dto.iban ? normalizeIban(dto.iban) : mandate.iban;
    const change = {
      reference: dto.reference ?? mandate.reference,
      iban,
      // A new account without a BIC: the old bank's BIC would be wrong.
      bic: dto.bic !== undefined ? dto.bic : iban !== mandate.iban ? null : mandate.bic,
      debtorName: dto.debtorName ?? mandate.debtorName,
    };
    const referenceChanged = change.reference !== mandate.reference;
    const accountChanged = change.iban !== mandate.iban;
    if (!referenceChanged && !accountChanged && change.bic === mandate.bic && change.debtorName === mandate.debtorName) {
      throw new SepaError(SepaErrorCode.NothingToAmend, 'The amendment changes nothing: give a new reference, account or name');
    }
    const amendedOn = dto.amendedOn ?? this.today();
    this.notInFuture(amendedOn, 'amendedOn');
    this.notBeforeSignature(mandate, amendedOn, 'amendedOn');
    if (referenceChanged && (await this.mandates.referenceTaken(cooperativeId, change.reference, id))) {
      throw new SepaError(SepaErrorCode.ReferenceTaken, `Mandate reference ${change.reference} is already in use in this cooperative`, 'reference');
    }
    // Two racing amendments both read the same mandate; only the UPDATE that still finds it unchanged wins.
    const changed = await this.mandates.change(cooperativeId, id, { reference: mandate.reference, iban: mandate.iban }, change);
    if (!changed) throw new SepaError(SepaErrorCode.ConcurrentChange, 'The mandate was changed or revoked at the same time; reload it and try again');
    if (referenceChanged || accountChanged) {
      await this.mandates.insertAmendment(cooperativeId, {
        mandateId: id,
        amendedOn,
        originalReference: referenceChanged ? mandate.reference : null,
        originalIban: accountChanged ? mandate.iban : null,
        originalBic: accountChanged ? mandate.bic : null,
        // Before the first collection the bank has never seen the mandate: nothing to report.
        pending: changed.collected,
        reason: dto.reason ?? null,
        recordedBy: actor.userId,
      });
    }
    await this.audit.record({
      action: 'sepa.mandate.amend',
      objectType: 'sepa_mandate',
      objectId: id,
      details: { referenceChanged, accountChanged, originalReference: referenceChanged ? mandate.reference : undefined, originalIban: accountChanged ? maskIban(mandate.iban) : undefined },
    });
    return this.get(actor, cooperativeId, id);
  }

  async revoke(actor: Actor, cooperativeId: CooperativeId, id: string, dto: RevokeMandateDto): Promise<MandateView> {
    const mandate = await this.require(cooperativeId, id);
    const revokedOn = dto.revokedOn ?? this.today();
    this.notInFuture(revokedOn, 'revokedOn');
    this.notBeforeSignature(mandate, revokedOn, 'revokedOn');
    if (!(await this.mandates.revoke(cooperativeId, id, revokedOn, dto.reason))) {
      throw new SepaError(SepaErrorCode.MandateRevoked, 'This mandate has already been revoked');
    }
    await this.audit.record({ action: 'sepa.mandate.revoke', objectType: 'sepa_mandate', objectId: id, details: { revokedOn } });
    return this.get(actor, cooperativeId, id);
  }

  /** The debtor's bank reports the mandate void (AC04 account closed, MD01 no mandate, MD07 debtor deceased): revoke it. */
  async revokeOnReturn(cooperativeId: CooperativeId, id: string, reasonCode: string, returnedOn: string): Promise<boolean> {
    const revoked = await this.mandates.revoke(cooperativeId, id, returnedOn, `Teruggeboekt door de bank met reden ${reasonCode}`);
    if (revoked) await this.audit.record({ action: 'sepa.mandate.revoke', objectType: 'sepa_mandate', objectId: id, details: { revokedOn: returnedOn, returnReason: reasonCode } });
    return revoked;
  }

  /** Members who signed a mandate for this account: who a bank transfer from it probably comes from. */
  membersWithIban(cooperativeId: CooperativeId, iban: string): Promise<string[]> {
    return this.mandates.membersWithIban(cooperativeId, normalizeIban(iban));
  }

  /**
   * For the collection run: the active mandates of these members that may be collected on today, each with its
   * sequence type and the amendments still to be reported. A member may have more than one (newest first).
   */
  async collectableMandates(cooperativeId: CooperativeId, memberIds: string[]): Promise<CollectableMandate[]> {
    if (memberIds.length === 0) return [];
    const today = this.today();
    const collectable: CollectableMandate[] = [];
    for (const { mandate: m, pending } of await this.mandates.activeWithPending(cooperativeId, memberIds)) {
      const originalMandateId = pending?.originalReference && pending.originalReference !== m.reference ? pending.originalReference : null;
      const originalIban = pending?.originalIban && pending.originalIban !== m.iban ? pending.originalIban : null;
      const newDebtorAgent = originalIban !== null && !sameBank({ iban: originalIban, bic: pending?.originalBic }, m);
      const sequenceType = nextSequenceType({ ...m, pendingNewBank: newDebtorAgent }, today);
      if (!sequenceType) continue;
      const amendment: MandateAmendment | null =
        originalMandateId || originalIban ? { originalMandateId, originalDebtorIban: newDebtorAgent ? null : originalIban, newDebtorAgent } : null;
      collectable.push({ mandateId: m.id, memberId: m.memberId, reference: m.reference, debtorName: m.debtorName, iban: m.iban, bic: m.bic, signedOn: m.signedOn, sequenceType, amendment });
    }
    return collectable;
  }

  /**
   * For the collection run, once its file is booked: the next collection on these mandates is RCUR, a one-off is
   * spent, and pending amendments count as reported. Conditional on each mandate still being collectable, so a
   * revocation that raced the run is not overwritten. Returns the ids that were marked.
   */
  async markCollected(cooperativeId: CooperativeId, mandateIds: string[], collectedOn: string): Promise<string[]> {
    if (!isCalendarDate(collectedOn)) throw new SepaError(SepaErrorCode.InvalidCollection, 'collectedOn must be a date like 2026-12-01', 'collectedOn');
    if (mandateIds.length === 0) return [];
    const marked = await this.mandates.markCollected(cooperativeId, [...new Set(mandateIds)], collectedOn);
    if (marked.length) await this.audit.record({ action: 'sepa.mandate.collected', objectType: 'sepa_mandate', details: { collectedOn, mandateIds: marked } });
    return marked;
  }

  private async insert(
    cooperativeId: CooperativeId,
    member: MemberStanding,
    reference: string | null,
    m: { debtorName: string; iban: string; bic: string | null; signedOn: string; kind: MandateKind; signedVia: 'member' | 'treasurer'; createdBy: string },
  ): Promise<SepaMandate> {
    const row = { ...m, memberId: member.memberId, iban: normalizeIban(m.iban) };
    let created: SepaMandate | null = null;
    if (reference) {
      if (!(await this.mandates.referenceTaken(cooperativeId, reference))) created = await this.mandates.insert(cooperativeId, { ...row, reference });
      if (!created) throw new SepaError(SepaErrorCode.ReferenceTaken, `Mandate reference ${reference} is already in use in this cooperative`, 'reference');
    } else {
      // BC-<first 8 of the member id>-<n>: readable on a bank statement, and n counts the member's mandates.
      const prefix = `BC-${member.memberId.slice(0, 8).toUpperCase()}-`;
      const first = (await this.mandates.countOfMember(cooperativeId, member.memberId)) + 1;
      for (let n = first; !created && n < first + GENERATED_REFERENCE_ATTEMPTS; n++) {
        if (!(await this.mandates.referenceTaken(cooperativeId, `${prefix}${n}`))) created = await this.mandates.insert(cooperativeId, { ...row, reference: `${prefix}${n}` });
      }
      if (!created) throw new SepaError(SepaErrorCode.ReferenceTaken, 'Could not find a free mandate reference; give one', 'reference');
    }
    await this.audit.record({
      action: m.signedVia === 'member' ? 'sepa.mandate.sign' : 'sepa.mandate.create',
      objectType: 'sepa_mandate',
      objectId: created.id,
      details: { reference: created.reference, memberId: member.memberId, kind: created.kind, iban: maskIban(created.iban) },
    });
    return created;
  }

  private view(mandate: SepaMandate, fullIban: boolean): MandateView {
    return { mandate, fullIban, nextSequenceType: nextSequenceType(mandate, this.today()) };
  }

  private seesFullIban(actor: Actor, cooperativeId: CooperativeId): boolean {
    return roleGrants(rolesIn(actor, cooperativeId), Permission.SepaManage);
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<SepaMandate> {
    const mandate = await this.mandates.find(cooperativeId, id);
    if (!mandate) throw new SepaError(SepaErrorCode.MandateNotFound, 'Mandate was not found');
    return mandate;
  }

  private async requireSettings(cooperativeId: CooperativeId): Promise<void> {
    if (!(await this.settings.find(cooperativeId))) {
      throw new SepaError(SepaErrorCode.NotSetUp, 'The cooperative has not entered its SEPA creditor details yet; the treasurer does that first');
    }
  }

  private async ownMember(actor: Actor, cooperativeId: CooperativeId): Promise<MemberStanding> {
    const member = await this.members.standing(cooperativeId, { userId: actor.userId });
    if (!member) throw new SepaError(SepaErrorCode.NoMemberRecord, 'Your account has no membership in this cooperative');
    return member;
  }

  private refuseEnded(member: MemberStanding, field?: string): void {
    if (member.status === 'ended') throw new SepaError(SepaErrorCode.MemberEnded, 'This membership has ended; no new mandate can be given', field);
  }

  private refuseClosed(mandate: SepaMandate): void {
    if (mandate.status === 'revoked') throw new SepaError(SepaErrorCode.MandateRevoked, 'A revoked mandate cannot be amended; record a new one');
    if (mandate.kind === 'one_off' && mandate.firstCollectedOn) throw new SepaError(SepaErrorCode.MandateUsed, 'This one-off mandate has been collected on and cannot be changed');
  }

  private notInFuture(date: string, field: string): void {
    if (date > this.today()) throw new SepaError(SepaErrorCode.DateInFuture, `${field} must not be in the future`, field);
  }

  private notBeforeSignature(mandate: SepaMandate, date: string, field: string): void {
    if (date < mandate.signedOn) throw new SepaError(SepaErrorCode.DateBeforeSignature, `${field} must not be before the mandate was signed (${mandate.signedOn})`, field);
  }

  private today(): string {
    return dutchDate(this.clock.now());
  }
}
