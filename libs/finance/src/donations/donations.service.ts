import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Actor, AppConfig, AuditService, Clock, Cooperative, CooperativeId, UnitOfWork, dutchDate, formatPostcode, normalizeIban, parseEuroAmount } from '@buurtcoop/core';
import { FundsService } from '../funds/funds.service';
import { InvoiceDocumentsService } from '../invoices/invoice-documents.service';
import { Addressee } from '../invoices/invoice-pdf';
import { LedgerService } from '../ledger/ledger.service';
import { ReconciliationService, lineKey } from '../statements/reconciliation.service';
import { StatementError, StatementErrorCode } from '../statements/statements.errors';
import { StatementsRepository } from '../statements/statements.repository';
import { PaymentsError, PaymentsErrorCode } from '../stripe/payments.errors';
import { StripeGateway } from '../stripe/stripe.gateway';
import { StripeRepository } from '../stripe/stripe.repository';
import { renderGiftLetterPdf, renderGiftOverviewPdf } from './donation-letters';
import { DonationsError, DonationsErrorCode } from './donations.errors';
import { DonationsRepository } from './donations.repository';
import { DonorsService } from './donors.service';
import { DonationCheckoutDto } from './dto/donation-checkout.dto';
import { DonorOverviewResponse, RecordDonationDto, mapDonation } from './dto';
import { Donation, DonationPledge, Donor } from './entities/donation.entity';

export const MIN_DONATION_CENTS = 100;
export const MAX_DONATION_CENTS = 1_000_000;
/** A client's key for one donation attempt: a retried click gives the same payment page, not a second one. */
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,100}$/;
// Cash is counted and paid into the bank account, so it is booked on 1100 Bank like a transfer.
const BANK = '1100';
const DONATIONS = '8200';

const addresseeOf = (donor: Donor): Addressee => ({
  name: donor.kind !== 'person' && donor.contactPerson ? `${donor.name}\nt.a.v. ${donor.contactPerson}` : donor.name,
  street: donor.street,
  postcode: donor.postcode && formatPostcode(donor.postcode),
  city: donor.city,
});

/**
 * Gifts: anyone can give by iDEAL or card (booked when Stripe reports it paid); the treasurer records gifts
 * by hand or from the bank statement, cancels mistaken ones, and sends letters of thanks and year overviews.
 */
@Injectable()
export class DonationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly stripe: StripeRepository,
    private readonly gateway: StripeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly donations: DonationsRepository,
    private readonly donors: DonorsService,
    private readonly funds: FundsService,
    private readonly ledger: LedgerService,
    private readonly reconciliation: ReconciliationService,
    private readonly statements: StatementsRepository,
    private readonly documents: InvoiceDocumentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async checkout(cooperativeId: CooperativeId, dto: DonationCheckoutDto, clientKey: string | undefined): Promise<{ url: string }> {
    if (!this.gateway.configured) throw PaymentsError.notConfigured();
    if (clientKey !== undefined && !CLIENT_KEY.test(clientKey)) {
      throw new PaymentsError(PaymentsErrorCode.IdempotencyKeyInvalid, 'Idempotency-Key must be 8 to 100 letters, digits, "-" or "_" (e.g. a UUID)', 'Idempotency-Key');
    }
    const amountCents = this.amountOf(dto);
    const { name, accountId } = await this.uow.run({ cooperativeId }, async () => {
      const cooperative = await this.uow.manager().getRepository(Cooperative).findOneBy({ id: cooperativeId });
      if (!cooperative) throw new PaymentsError(PaymentsErrorCode.CooperativeNotFound, 'Cooperative was not found');
      const account = await this.stripe.account(cooperativeId);
      if (!account) throw new PaymentsError(PaymentsErrorCode.NoStripeAccount, `${cooperative.name} does not take gifts by iDEAL or card yet; a bank transfer is welcome`);
      // The earmark and the donor are checked now; the webhook books what the session carries.
      if (dto.fundId) await this.funds.requireOpen(cooperativeId, dto.fundId, { on: dutchDate(this.clock.now()), field: 'fundId' });
      const donor = dto.donorId ? await this.donors.get(cooperativeId, dto.donorId, 'donorId') : null;
      if (dto.pledgeId) await this.pledgeOf(cooperativeId, donor, dto.pledgeId);
      return { name: cooperative.name, accountId: account.accountId };
    });
    // The Stripe call is made outside any transaction: nothing waits on the network with a connection held.
    const base = this.config.publicUrl.replace(/\/$/, '');
    const session = await this.gateway.createCheckoutSession(
      {
        stripeAccount: accountId,
        amountCents,
        description: `Gift aan ${name}`,
        customerEmail: dto.email,
        metadata: {
          purpose: 'donation',
          cooperative_id: cooperativeId,
          donor_name: dto.donorName,
          ...(dto.message ? { message: dto.message } : {}),
          ...(dto.fundId ? { fund_id: dto.fundId } : {}),
          ...(dto.donorId ? { donor_id: dto.donorId } : {}),
          ...(dto.pledgeId ? { pledge_id: dto.pledgeId } : {}),
        },
        successUrl: `${base}/doneren/bedankt?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${base}/doneren`,
      },
      `donation:${cooperativeId}:${clientKey ?? randomUUID()}`,
    );
    return { url: session.url };
  }

  /**
   * Records a gift of this donor: by hand (amount, date, channel; booked D 1100 Bank / C 8200 Giften), or
   * from a bank statement line, which is booked on 8200 through the reconciliation so it is booked once.
   */
  async record(actor: Actor, cooperativeId: CooperativeId, donorId: string, dto: RecordDonationDto): Promise<Donation> {
    const donor = await this.donors.get(cooperativeId, donorId);
    const pledge = dto.pledgeId ? await this.pledgeOf(cooperativeId, donor, dto.pledgeId) : null;
    // A pledge's payments go to its earmark unless the treasurer says otherwise.
    const fundId = dto.fundId ?? pledge?.fundId ?? null;
    const donation = dto.statementLineId ? await this.fromStatementLine(actor, cooperativeId, donor, dto, dto.statementLineId, fundId) : await this.byHand(actor, cooperativeId, donor, dto, fundId);
    await this.audit.record({ action: 'donation.record', objectType: 'donation', objectId: donation.id, details: { donorId: donor.id, amountCents: donation.amountCents, channel: donation.channel, fundId } });
    return donation;
  }

  private async byHand(actor: Actor, cooperativeId: CooperativeId, donor: Donor, dto: RecordDonationDto, fundId: string | null): Promise<Donation> {
    const missing = (['amountCents', 'receivedOn', 'channel'] as const).find((field) => dto[field] === undefined);
    if (missing) throw new DonationsError(DonationsErrorCode.AmountOrLine, `${missing} is required (or give statementLineId for a gift on the bank statement)`, missing);
    const { amountCents, receivedOn, channel } = dto as Required<Pick<RecordDonationDto, 'amountCents' | 'receivedOn' | 'channel'>>;
    const today = dutchDate(this.clock.now());
    if (receivedOn > today) throw new DonationsError(DonationsErrorCode.ReceivedInFuture, `receivedOn: a gift is recorded once received; ${receivedOn} is after today (${today})`, 'receivedOn');
    if (fundId) await this.funds.requireOpen(cooperativeId, fundId, { on: receivedOn, field: 'fundId' });
    const id = randomUUID();
    const ledgerKey = `donation:${id}`;
    const ids = await this.ledger.accountIdsByCode(cooperativeId, [BANK, DONATIONS]);
    const posted = await this.ledger.post(
      cooperativeId,
      {
        entryDate: await this.ledger.openDay(cooperativeId, receivedOn),
        description: `Gift ${donor.name}${channel === 'cash' ? ' (contant)' : ''}`,
        idempotencyKey: ledgerKey,
        lines: [
          { accountId: ids[BANK], amountCents },
          { accountId: ids[DONATIONS], amountCents: -amountCents, fundId },
        ],
      },
      actor.userId,
    );
    return (await this.donations.insertDonation(
      cooperativeId,
      { id, donorId: donor.id, amountCents, receivedOn, channel, fundId, pledgeId: dto.pledgeId ?? null, ledgerKey, entryId: posted.entry.id, statementLineId: null },
      actor.userId,
    )) as Donation;
  }

  private async fromStatementLine(actor: Actor, cooperativeId: CooperativeId, donor: Donor, dto: RecordDonationDto, lineId: string, fundId: string | null): Promise<Donation> {
    const extra = (['amountCents', 'receivedOn', 'channel'] as const).find((field) => dto[field] !== undefined);
    if (extra) throw new DonationsError(DonationsErrorCode.AmountOrLine, `${extra}: a gift from a statement line has the line’s amount and date; leave ${extra} out`, extra);
    const line = await this.statements.line(cooperativeId, lineId);
    if (!line) throw new StatementError(StatementErrorCode.LineNotFound, 'statementLineId: no such statement line', 'statementLineId');
    if (line.amountCents <= 0) throw new DonationsError(DonationsErrorCode.LineNotReceipt, 'statementLineId: this line is money out, not a gift received', 'statementLineId');
    if (fundId) await this.funds.requireOpen(cooperativeId, fundId, { on: line.bookingDate, field: 'fundId' });
    // Books the line on 8200 and marks it explained; a line explained before is refused there (409).
    await this.reconciliation.assignToAccount(actor, cooperativeId, line.id, { accountCode: DONATIONS, description: `Gift ${donor.name}`, fundId: fundId ?? undefined });
    if (!donor.iban && line.counterpartyIban) await this.donations.updateDonor(cooperativeId, donor.id, { iban: normalizeIban(line.counterpartyIban) });
    const ledgerKey = lineKey(line.id);
    const donation = await this.donations.insertDonation(
      cooperativeId,
      {
        donorId: donor.id,
        amountCents: line.amountCents,
        receivedOn: line.bookingDate,
        channel: 'bank_transfer',
        fundId,
        pledgeId: dto.pledgeId ?? null,
        ledgerKey,
        entryId: (await this.ledger.entryIdByKey(cooperativeId, ledgerKey)) as string,
        statementLineId: line.id,
      },
      actor.userId,
    );
    if (!donation) throw new StatementError(StatementErrorCode.LineNotOpen, 'statementLineId: this line is recorded as a gift already', 'statementLineId');
    return donation;
  }

  /**
   * Cancels a mistaken gift with a reversal entry. A gift from a bank line undoes the line's explanation,
   * so the line returns to the worklist; a Stripe gift is refunded in Stripe, whose report books it.
   */
  async cancel(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<Donation> {
    const donation = await this.get(cooperativeId, id);
    if (donation.status === 'cancelled') throw new DonationsError(DonationsErrorCode.AlreadyCancelled, 'This gift is cancelled already');
    if (donation.channel === 'stripe') throw new DonationsError(DonationsErrorCode.NotCancellable, 'A gift by iDEAL or card is refunded in Stripe; the refund is booked from Stripe’s report');
    // The conditional update first: of two parallel cancellations only one goes on to reverse.
    if (!(await this.donations.cancelDonation(cooperativeId, donation.id, reason))) throw new DonationsError(DonationsErrorCode.AlreadyCancelled, 'This gift was cancelled meanwhile');
    if (donation.statementLineId) await this.reconciliation.undo(actor, cooperativeId, donation.statementLineId);
    else await this.ledger.reverseByKey(cooperativeId, donation.ledgerKey, actor.userId, `Gift geannuleerd: ${reason}`);
    await this.audit.record({ action: 'donation.cancel', objectType: 'donation', objectId: donation.id, details: { reason, amountCents: donation.amountCents } });
    return this.get(cooperativeId, donation.id);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<Donation> {
    const donation = await this.donations.donation(cooperativeId, id);
    if (!donation) throw new DonationsError(DonationsErrorCode.DonationNotFound, 'Donation was not found');
    return donation;
  }

  async ofDonor(cooperativeId: CooperativeId, donorId: string): Promise<Donation[]> {
    const donor = await this.donors.get(cooperativeId, donorId);
    return this.donations.donationsOf(cooperativeId, donor.id);
  }

  /** The giftenoverzicht: the year's gifts, cancelled ones left out, and their total. */
  async overview(cooperativeId: CooperativeId, donorId: string, year: number): Promise<DonorOverviewResponse> {
    const donor = await this.donors.get(cooperativeId, donorId);
    const gifts = await this.donations.donationsOf(cooperativeId, donor.id, { year, status: 'received' });
    return { donorId: donor.id, name: donor.name, year, donations: gifts.map(mapDonation), totalCents: gifts.reduce((sum, g) => sum + g.amountCents, 0) };
  }

  async overviewPdf(cooperativeId: CooperativeId, donorId: string, year: number): Promise<Buffer> {
    const donor = await this.donors.get(cooperativeId, donorId);
    const gifts = await this.donations.donationsOf(cooperativeId, donor.id, { year, status: 'received' });
    return renderGiftOverviewPdf({
      cooperative: await this.documents.letterhead(cooperativeId),
      addressee: addresseeOf(donor),
      letterDate: dutchDate(this.clock.now()),
      year,
      gifts: gifts.map((g) => ({ receivedOn: g.receivedOn, amountCents: g.amountCents, channel: g.channel, fundName: g.fund?.name ?? null })),
    });
  }

  /** The bedankbrief for one gift. */
  async letterPdf(cooperativeId: CooperativeId, id: string): Promise<Buffer> {
    const donation = await this.get(cooperativeId, id);
    if (donation.status === 'cancelled') throw new DonationsError(DonationsErrorCode.AlreadyCancelled, 'This gift was cancelled: it gets no letter of thanks');
    const donor = await this.donors.get(cooperativeId, donation.donorId);
    return renderGiftLetterPdf({
      cooperative: await this.documents.letterhead(cooperativeId),
      addressee: addresseeOf(donor),
      salutationName: donor.kind === 'person' ? donor.name : donor.contactPerson,
      letterDate: dutchDate(this.clock.now()),
      receivedOn: donation.receivedOn,
      amountCents: donation.amountCents,
      fund: donation.fund ? { name: donation.fund.name, purpose: donation.fund.purpose } : null,
    });
  }

  private async pledgeOf(cooperativeId: CooperativeId, donor: Donor | null, pledgeId: string): Promise<DonationPledge> {
    const pledge = await this.donors.pledge(cooperativeId, pledgeId, 'pledgeId');
    if (!donor || pledge.donorId !== donor.id) throw new DonationsError(DonationsErrorCode.PledgeOfOtherDonor, 'pledgeId: this pledge is not this donor’s', 'pledgeId');
    return pledge;
  }

  private amountOf(dto: DonationCheckoutDto): number {
    if ((dto.amountCents === undefined) === (dto.amount === undefined)) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, 'Give the amount once: amountCents (in cents) or amount (in euros)', 'amount');
    }
    let cents: number;
    try {
      cents = dto.amountCents ?? parseEuroAmount(dto.amount as string);
    } catch (error) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, (error as Error).message, 'amount');
    }
    if (cents < MIN_DONATION_CENTS || cents > MAX_DONATION_CENTS) {
      throw new PaymentsError(PaymentsErrorCode.AmountOutOfRange, 'A gift is from €1 to €10.000', dto.amountCents !== undefined ? 'amountCents' : 'amount');
    }
    return cents;
  }
}
