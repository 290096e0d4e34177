import { Cents, assertCents, formatEuro, formatIban, sumCents } from '@buurtcoop/core';
import {
  DocumentLanguage,
  IsoDate,
  formatLongDate,
  formatLongDateWithWeekday,
  formatQuantity,
  groupPaymentReference,
  ibanTail,
  toWinAnsi,
} from './document-format';
import { collectionCostsCents, noticeTermEnd, presumedReceipt } from './dunning';
import { LABELS, Labels } from './invoice-labels';
import {
  Column,
  FONT,
  MARGIN,
  MUTED,
  Pdf,
  RenderOptions,
  SIZE,
  addressBlock,
  footers,
  letterhead,
  paragraph,
  renderPdf,
  table,
  titleAndFacts,
  totals,
} from './pdf-layout';

export type { DocumentLanguage, IsoDate } from './document-format';
export type { RenderOptions } from './pdf-layout';
export { collectionCostsCents, noticeTermEnd, presumedReceipt } from './dunning';

/** The sender, printed in the letterhead and the footer. */
export interface CooperativeLetterhead {
  name: string;
  /** Street and house number. */
  street: string;
  postcode: string;
  city: string;
  kvkNumber: string;
  iban: string;
  bic?: string | null;
  sepaCreditorId?: string | null;
  email: string;
}

/** Where the letter goes. Any field may be null (an erased member); what is there is printed. */
export interface Addressee {
  name: string | null;
  /** Street and house number. */
  street: string | null;
  postcode: string | null;
  city: string | null;
}

export interface InvoiceLine {
  description: string;
  quantity?: number | null;
  unitAmountCents?: Cents | null;
  /** Negative for a credit. */
  amountCents: Cents;
}

export type InvoicePayment =
  /** Pay by bank transfer to the cooperative's IBAN with the payment reference. */
  | { method: 'transfer' }
  /** Collected under a SEPA mandate; only the last four characters of `debtorIban` are printed. */
  | { method: 'direct_debit'; debtorIban: string; mandateReference: string; collectionDate: IsoDate }
  | { method: 'paid' };

export interface InvoiceDocument {
  /** Dutch unless told otherwise. */
  language?: DocumentLanguage;
  cooperative: CooperativeLetterhead;
  addressee: Addressee;
  memberNumber?: string | null;
  /** E.g. `2027-000123`. */
  invoiceNumber: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** The 16-digit betalingskenmerk. */
  paymentReference: string;
  lines: readonly InvoiceLine[];
  /** Must equal the sum of the lines. */
  totalCents: Cents;
  paidCents: Cents;
  /** Must equal total minus paid. */
  openCents: Cents;
  payment: InvoicePayment;
}

export interface OverdueInvoice {
  invoiceNumber: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** What is still unpaid of this invoice. */
  openCents: Cents;
}

/**
 * A dunning letter. `reminder`: the friendly herinnering. `notice`: the veertiendagenbrief of art. 6:96 lid 6 BW,
 * the last letter before collection costs may be charged to a consumer; it states the outstanding amount, the
 * 14-day term from the day after receipt and the collection costs over the total outstanding.
 */
export interface PaymentNoticeDocument {
  language?: DocumentLanguage;
  stage: 'reminder' | 'notice';
  cooperative: CooperativeLetterhead;
  addressee: Addressee;
  memberNumber?: string | null;
  /** The letter's date: the day it is posted. The notice's term is computed from it. */
  sentOn: IsoDate;
  /** For a reminder: the day to pay by; without it the letter asks for payment as soon as possible. */
  payBy?: IsoDate | null;
  /** A betalingskenmerk covering the whole amount; without it the letter asks to quote the invoice numbers. */
  paymentReference?: string | null;
  invoices: readonly OverdueInvoice[];
}

// A no-break space keeps "€" and its digits on one line.
export const money = (cents: Cents, language: DocumentLanguage) => formatEuro(cents, language).replace(' ', '\u00a0');

export const addressLines = (addressee: Addressee) => [
  addressee.name,
  addressee.street,
  [addressee.postcode, addressee.city].filter(Boolean).join('  '),
];

export function senderDetails(cooperative: CooperativeLetterhead, t: Labels): string[] {
  return [
    cooperative.street,
    `${cooperative.postcode}  ${cooperative.city}`,
    cooperative.email,
    `${t.kvk} ${cooperative.kvkNumber}`,
    `${t.iban} ${formatIban(cooperative.iban)}`,
  ];
}

export function senderFooter(cooperative: CooperativeLetterhead, t: Labels): string[] {
  const bank = [`${t.iban} ${formatIban(cooperative.iban)}`];
  if (cooperative.bic) bank.push(`${t.bic} ${cooperative.bic}`);
  if (cooperative.sepaCreditorId) bank.push(`${t.creditorId} ${cooperative.sepaCreditorId}`);
  return [
    [cooperative.name, cooperative.street, `${cooperative.postcode} ${cooperative.city}`, cooperative.email].join(' · '),
    [`${t.kvk} ${cooperative.kvkNumber}`, ...bank].join(' · '),
  ];
}

/** The heading of a continued page: who sent it and which document it continues. */
export function continuedHeading(pdf: Pdf, text: string): () => void {
  return () => {
    pdf.font(FONT.regular, SIZE.small).fillColor(MUTED).text(toWinAnsi(text), MARGIN.left, MARGIN.top);
    pdf.fillColor('black');
    pdf.y += 10;
  };
}

/** A printed invoice that does not add up is worse than none: refuse it rather than print it. */
function assertInvoiceAddsUp(doc: InvoiceDocument): void {
  const { invoiceNumber, totalCents, paidCents, openCents } = doc;
  doc.lines.forEach((line, index) => assertCents(line.amountCents, `lines[${index}].amountCents`));
  const linesTotal = sumCents(doc.lines.map((line) => line.amountCents));
  if (linesTotal !== assertCents(totalCents, 'totalCents')) {
    throw new RangeError(`Invoice ${invoiceNumber}: the lines add up to ${linesTotal} cents, the total says ${totalCents}`);
  }
  if (sumCents([totalCents, -assertCents(paidCents, 'paidCents')]) !== assertCents(openCents, 'openCents')) {
    throw new RangeError(`Invoice ${invoiceNumber}: total ${totalCents} minus paid ${paidCents} is not open ${openCents}`);
  }
}

function paymentInstruction(doc: InvoiceDocument, t: Labels, language: DocumentLanguage): string {
  const { payment, cooperative } = doc;
  if (payment.method === 'paid' || doc.openCents === 0) return t.paid;
  if (doc.openCents < 0) return t.refund(money(-doc.openCents, language));
  if (payment.method === 'direct_debit') {
    return t.directDebit({
      amount: money(doc.openCents, language),
      date: formatLongDate(payment.collectionDate, language),
      ibanTail: ibanTail(payment.debtorIban),
      mandate: payment.mandateReference,
      creditorId: cooperative.sepaCreditorId ?? null,
    });
  }
  return t.payByTransfer({
    amount: money(doc.openCents, language),
    dueDate: formatLongDate(doc.dueDate, language),
    iban: formatIban(cooperative.iban),
    name: cooperative.name,
    reference: groupPaymentReference(doc.paymentReference),
  });
}

/** An A4 invoice: letterhead, addressee, facts, the lines (over as many pages as needed), totals and how to pay. */
export async function renderInvoicePdf(doc: InvoiceDocument, options: RenderOptions = {}): Promise<Buffer> {
  const language = doc.language ?? 'nl';
  const t = LABELS[language];
  assertInvoiceAddsUp(doc);
  const reference = groupPaymentReference(doc.paymentReference);
  const facts: Array<[string, string]> = [
    [t.invoiceNumber, doc.invoiceNumber],
    [t.invoiceDate, formatLongDate(doc.issueDate, language)],
    [t.dueDate, formatLongDate(doc.dueDate, language)],
  ];
  if (doc.memberNumber) facts.push([t.memberNumber, doc.memberNumber]);
  facts.push([t.paymentReference, reference]);

  const columns: Column[] = [
    { header: t.description },
    { header: t.quantity, width: 55, align: 'right' },
    { header: t.unitPrice, width: 90, align: 'right' },
    { header: t.amount, width: 90, align: 'right' },
  ];
  const rows = doc.lines.map((line) => [
    line.description,
    line.quantity == null ? '' : formatQuantity(line.quantity, language),
    line.unitAmountCents == null ? '' : money(assertCents(line.unitAmountCents, 'unitAmountCents'), language),
    money(line.amountCents, language),
  ]);

  const title = `${t.invoice} ${doc.invoiceNumber}`;
  return renderPdf({ title, author: doc.cooperative.name, createdOn: doc.issueDate }, options, (pdf) => {
    letterhead(pdf, doc.cooperative.name, senderDetails(doc.cooperative, t));
    addressBlock(pdf, addressLines(doc.addressee));
    titleAndFacts(pdf, t.invoice, facts);
    table(pdf, columns, rows, continuedHeading(pdf, `${doc.cooperative.name} · ${title} (${t.continued})`));
    totals(pdf, [
      { label: t.total, amount: money(doc.totalCents, language) },
      { label: t.alreadyPaid, amount: money(doc.paidCents, language) },
      { label: t.amountDue, amount: money(doc.openCents, language), emphasise: true },
    ]);
    paragraph(pdf, t.vatExempt);
    paragraph(pdf, paymentInstruction(doc, t, language));
    footers(pdf, senderFooter(doc.cooperative, t), t.page);
  });
}

/** A reminder or a 14-day notice listing the overdue invoices; see {@link PaymentNoticeDocument}. */
export async function renderPaymentNoticePdf(doc: PaymentNoticeDocument, options: RenderOptions = {}): Promise<Buffer> {
  const language = doc.language ?? 'nl';
  const t = LABELS[language];
  if (doc.invoices.length === 0) throw new RangeError('A payment notice needs at least one overdue invoice');
  const outstandingCents = sumCents(doc.invoices.map((invoice) => invoice.openCents));
  if (outstandingCents <= 0) throw new RangeError(`A payment notice needs an amount due, got ${outstandingCents} cents`);
  const outstanding = money(outstandingCents, language);
  const reference = doc.paymentReference ? groupPaymentReference(doc.paymentReference) : null;
  const quote = reference ? t.quoteReference(reference) : t.quoteInvoiceNumbers;
  const iban = formatIban(doc.cooperative.iban);
  const name = doc.cooperative.name;

  const facts: Array<[string, string]> = [[t.letterDate, formatLongDate(doc.sentOn, language)]];
  if (doc.memberNumber) facts.push([t.memberNumber, doc.memberNumber]);
  if (reference) facts.push([t.paymentReference, reference]);

  const columns: Column[] = [
    { header: t.invoiceNumber },
    { header: t.invoiceDate, width: 110 },
    { header: t.dueDate, width: 110 },
    { header: t.open, width: 90, align: 'right' },
  ];
  const rows = doc.invoices.map((invoice) => [
    invoice.invoiceNumber,
    formatLongDate(invoice.issueDate, language),
    formatLongDate(invoice.dueDate, language),
    money(invoice.openCents, language),
  ]);

  const title = doc.stage === 'notice' ? t.notice : t.reminder;
  return renderPdf({ title, author: name, createdOn: doc.sentOn }, options, (pdf) => {
    letterhead(pdf, name, senderDetails(doc.cooperative, t));
    addressBlock(pdf, addressLines(doc.addressee));
    titleAndFacts(pdf, title, facts);
    paragraph(pdf, t.salutation(doc.addressee.name?.trim() || null));
    if (doc.stage === 'notice') {
      const costsCents = collectionCostsCents(outstandingCents);
      paragraph(pdf, t.noticeIntro(outstanding));
      table(pdf, columns, rows, continuedHeading(pdf, `${name} · ${title} (${t.continued})`));
      totals(pdf, [{ label: t.totalOutstanding, amount: outstanding, emphasise: true }]);
      paragraph(pdf, t.noticeTerm({
        receivedBy: formatLongDateWithWeekday(presumedReceipt(doc.sentOn), language),
        lastDay: formatLongDateWithWeekday(noticeTermEnd(doc.sentOn), language),
      }));
      paragraph(pdf, t.noticeCosts({
        costs: money(costsCents, language),
        totalWithCosts: money(sumCents([outstandingCents, costsCents]), language),
      }));
      paragraph(pdf, t.noticePay({ amount: outstanding, iban, name, quote }));
    } else {
      paragraph(pdf, t.reminderIntro);
      table(pdf, columns, rows, continuedHeading(pdf, `${name} · ${title} (${t.continued})`));
      totals(pdf, [{ label: t.totalOutstanding, amount: outstanding, emphasise: true }]);
      const payBy = doc.payBy ? formatLongDate(doc.payBy, language) : null;
      paragraph(pdf, t.reminderPay({ amount: outstanding, payBy, iban, name, quote }));
    }
    paragraph(pdf, t.alreadyPaidLetter);
    paragraph(pdf, t.contact(doc.cooperative.email), { gap: 12 });
    paragraph(pdf, t.closing, { gap: 0 });
    paragraph(pdf, name);
    footers(pdf, senderFooter(doc.cooperative, t), t.page);
  });
}
