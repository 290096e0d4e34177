import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CooperativeId, TenancyService, formatPostcode } from '@buurtcoop/core';
import { ProfileService } from '@buurtcoop/membership';
import { SepaMandatesService } from '../sepa/sepa-mandates.service';
import { BilledTo, Invoice } from './entities/invoice.entity';
import { Addressee, CooperativeLetterhead, InvoicePayment as PrintedPayment, OverdueInvoice, renderInvoicePdf, renderPaymentNoticePdf } from './invoice-pdf';
import { InvoiceDetail } from './invoices.service';

const addressee = (b: BilledTo): Addressee => ({ name: b.name, street: b.streetLine, postcode: b.postcode && formatPostcode(b.postcode), city: b.city });

/**
 * The printed documents of an invoice and of a dunning letter, as PDF: the cooperative's letterhead from
 * its profile, the addressee as the invoice was issued, and how the member pays (transfer or mandate).
 */
@Injectable()
export class InvoiceDocumentsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly profile: ProfileService,
    private readonly mandates: SepaMandatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invoicePdf(cooperativeId: CooperativeId, detail: InvoiceDetail): Promise<Buffer> {
    const { invoice, lines } = detail;
    const open = invoice.status === 'open' ? invoice.amountCents - invoice.paidCents : 0;
    return renderInvoicePdf({
      language: invoice.billedTo.language,
      cooperative: await this.letterhead(cooperativeId),
      addressee: addressee(invoice.billedTo),
      memberNumber: invoice.billedTo.memberNumber === null ? null : String(invoice.billedTo.memberNumber),
      invoiceNumber: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      paymentReference: invoice.paymentReference,
      lines: lines.map((l) => ({ description: l.description, amountCents: l.amountCents })),
      totalCents: invoice.amountCents,
      // A cancelled invoice prints as settled: nothing is open on it.
      paidCents: invoice.amountCents - open,
      openCents: open,
      payment: open <= 0 ? { method: 'paid' } : await this.howPaid(cooperativeId, invoice),
    });
  }

  async noticePdf(
    cooperativeId: CooperativeId,
    notice: { stage: 'reminder' | 'notice'; sentOn: string; payBy: string | null; billedTo: BilledTo; invoices: OverdueInvoice[] },
  ): Promise<Buffer> {
    return renderPaymentNoticePdf({
      language: notice.billedTo.language,
      stage: notice.stage,
      cooperative: await this.letterhead(cooperativeId),
      addressee: addressee(notice.billedTo),
      memberNumber: notice.billedTo.memberNumber === null ? null : String(notice.billedTo.memberNumber),
      sentOn: notice.sentOn,
      payBy: notice.payBy,
      paymentReference: null,
      invoices: notice.invoices,
    });
  }

  private async howPaid(cooperativeId: CooperativeId, invoice: Invoice): Promise<PrintedPayment> {
    const [mandate] = await this.mandates.collectableMandates(cooperativeId, [invoice.memberId]);
    return mandate ? { method: 'direct_debit', debtorIban: mandate.iban, mandateReference: mandate.reference, collectionDate: invoice.dueDate } : { method: 'transfer' };
  }

  /** The cooperative as it signs its letters: name and address from its profile (also for gift letters). */
  async letterhead(cooperativeId: CooperativeId): Promise<CooperativeLetterhead> {
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    const profile = await this.profile.get(cooperativeId);
    const email = /<([^>]+)>/.exec(this.config.mailFrom)?.[1] ?? this.config.mailFrom;
    return {
      name: cooperative.name,
      street: [profile.street, profile.houseNumber].filter(Boolean).join(' '),
      postcode: profile.postcode ? formatPostcode(profile.postcode) : '',
      city: profile.city ?? '',
      kvkNumber: profile.kvkNumber ?? '',
      iban: profile.iban ?? '',
      sepaCreditorId: profile.creditorId,
      email,
    };
  }
}
