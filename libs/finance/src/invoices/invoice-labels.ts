import { DocumentLanguage } from './document-format';

/**
 * Every word the invoice and the payment notices print, per language. Sentences take already formatted values
 * (amounts, dates, IBAN), so this file holds wording only.
 */
export interface Labels {
  invoice: string;
  reminder: string;
  notice: string;
  invoiceNumber: string;
  invoiceDate: string;
  letterDate: string;
  dueDate: string;
  memberNumber: string;
  paymentReference: string;
  continued: string;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  open: string;
  total: string;
  alreadyPaid: string;
  amountDue: string;
  totalOutstanding: string;
  vatExempt: string;
  kvk: string;
  iban: string;
  bic: string;
  creditorId: string;
  page: (page: number, count: number) => string;
  payByTransfer: (p: { amount: string; dueDate: string; iban: string; name: string; reference: string }) => string;
  directDebit: (p: { amount: string; date: string; ibanTail: string; mandate: string; creditorId: string | null }) => string;
  paid: string;
  refund: (amount: string) => string;
  quoteReference: (reference: string) => string;
  quoteInvoiceNumbers: string;
  reminderIntro: string;
  reminderPay: (p: { amount: string; payBy: string | null; iban: string; name: string; quote: string }) => string;
  noticeIntro: (amount: string) => string;
  noticeTerm: (p: { receivedBy: string; lastDay: string }) => string;
  noticeCosts: (p: { costs: string; totalWithCosts: string }) => string;
  noticePay: (p: { amount: string; iban: string; name: string; quote: string }) => string;
  alreadyPaidLetter: string;
  contact: (email: string) => string;
  salutation: (name: string | null) => string;
  closing: string;
}

const NL: Labels = {
  invoice: 'Factuur',
  reminder: 'Betalingsherinnering',
  notice: 'Aanmaning',
  invoiceNumber: 'Factuurnummer',
  invoiceDate: 'Factuurdatum',
  letterDate: 'Datum',
  dueDate: 'Vervaldatum',
  memberNumber: 'Lidnummer',
  paymentReference: 'Betalingskenmerk',
  continued: 'vervolg',
  description: 'Omschrijving',
  quantity: 'Aantal',
  unitPrice: 'Prijs per stuk',
  amount: 'Bedrag',
  open: 'Openstaand',
  total: 'Totaal',
  alreadyPaid: 'Al betaald',
  amountDue: 'Te betalen',
  totalOutstanding: 'Totaal openstaand',
  vatExempt: 'Vrijgesteld van btw.',
  kvk: 'KvK',
  iban: 'IBAN',
  bic: 'BIC',
  creditorId: 'Incassant-ID',
  page: (page, count) => `Pagina ${page} van ${count}`,
  payByTransfer: ({ amount, dueDate, iban, name, reference }) =>
    `Wilt u ${amount} uiterlijk op ${dueDate} overmaken naar ${iban} ten name van ${name}, met betalingskenmerk ${reference}? ` +
    'Vermeld het betalingskenmerk zonder andere tekst, dan verwerken wij uw betaling automatisch.',
  directDebit: ({ amount, date, ibanTail, mandate, creditorId }) =>
    `Wij schrijven ${amount} rond ${date} automatisch af van uw rekening eindigend op …${ibanTail}, ` +
    `onder machtigingskenmerk ${mandate}${creditorId ? ` en incassant-ID ${creditorId}` : ''}. U hoeft niets te doen.`,
  paid: 'Deze factuur is voldaan. U hoeft niets te doen.',
  refund: (amount) => `U heeft een tegoed van ${amount}. Dit bedrag betalen wij aan u terug.`,
  quoteReference: (reference) => `betalingskenmerk ${reference}`,
  quoteInvoiceNumbers: 'de factuurnummers',
  reminderIntro:
    'Volgens onze administratie staan de onderstaande facturen nog open. Waarschijnlijk is de betaling aan uw ' +
    'aandacht ontsnapt.',
  reminderPay: ({ amount, payBy, iban, name, quote }) =>
    `Wilt u ${amount} ${payBy ? `uiterlijk op ${payBy}` : 'zo spoedig mogelijk'} overmaken naar ${iban} ` +
    `ten name van ${name}, onder vermelding van ${quote}?`,
  noticeIntro: (amount) =>
    `Ondanks onze herinnering hebben wij de betaling van de onderstaande facturen nog niet ontvangen. ` +
    `U bent ons in totaal ${amount} verschuldigd.`,
  noticeTerm: ({ receivedBy, lastDay }) =>
    'Wij geven u de gelegenheid om dit bedrag alsnog te betalen binnen veertien dagen, te rekenen vanaf de dag ' +
    `nadat u deze brief heeft ontvangen. Ontvangt u deze brief uiterlijk op ${receivedBy}, dan kunt u in elk geval ` +
    `tot en met ${lastDay} betalen.`,
  noticeCosts: ({ costs, totalWithCosts }) =>
    `Betaalt u niet binnen deze termijn, dan brengen wij incassokosten van ${costs} in rekening, berekend volgens ` +
    `het Besluit vergoeding voor buitengerechtelijke incassokosten (zonder btw). U bent ons dan ${totalWithCosts} ` +
    'verschuldigd.',
  noticePay: ({ amount, iban, name, quote }) =>
    `Maak ${amount} over naar ${iban} ten name van ${name}, onder vermelding van ${quote}.`,
  alreadyPaidLetter: 'Heeft u inmiddels betaald, dan kunt u deze brief als niet verzonden beschouwen.',
  contact: (email) =>
    `Heeft u vragen, of kunt u niet in één keer betalen? Neem dan contact met ons op via ${email}; dan zoeken wij ` +
    'samen naar een oplossing.',
  salutation: (name) => `Beste ${name ?? 'lid'},`,
  closing: 'Met vriendelijke groet,',
};

const EN: Labels = {
  invoice: 'Invoice',
  reminder: 'Payment reminder',
  notice: 'Final notice',
  invoiceNumber: 'Invoice number',
  invoiceDate: 'Invoice date',
  letterDate: 'Date',
  dueDate: 'Due date',
  memberNumber: 'Member number',
  paymentReference: 'Payment reference',
  continued: 'continued',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Amount',
  open: 'Outstanding',
  total: 'Total',
  alreadyPaid: 'Already paid',
  amountDue: 'Amount due',
  totalOutstanding: 'Total outstanding',
  vatExempt: 'VAT exempt.',
  kvk: 'Chamber of Commerce (KvK)',
  iban: 'IBAN',
  bic: 'BIC',
  creditorId: 'Creditor ID',
  page: (page, count) => `Page ${page} of ${count}`,
  payByTransfer: ({ amount, dueDate, iban, name, reference }) =>
    `Please transfer ${amount} by ${dueDate} to ${iban} in the name of ${name}, quoting payment reference ` +
    `${reference}. Enter the reference without any other text so that we can match your payment automatically.`,
  directDebit: ({ amount, date, ibanTail, mandate, creditorId }) =>
    `We will collect ${amount} by direct debit on or around ${date} from your account ending in …${ibanTail}, ` +
    `under mandate reference ${mandate}${creditorId ? ` and creditor ID ${creditorId}` : ''}. No action is needed.`,
  paid: 'This invoice has been paid. No action is needed.',
  refund: (amount) => `You have a credit of ${amount}. We will refund this amount to you.`,
  quoteReference: (reference) => `payment reference ${reference}`,
  quoteInvoiceNumbers: 'the invoice numbers',
  reminderIntro: 'According to our records the invoices below are still outstanding. The payment has probably slipped your mind.',
  reminderPay: ({ amount, payBy, iban, name, quote }) =>
    `Please transfer ${amount} ${payBy ? `by ${payBy}` : 'as soon as possible'} to ${iban} in the name of ${name}, ` +
    `quoting ${quote}.`,
  noticeIntro: (amount) =>
    `Despite our reminder we have not yet received payment of the invoices below. You owe us ${amount} in total.`,
  noticeTerm: ({ receivedBy, lastDay }) =>
    'We give you the opportunity to pay this amount within fourteen days, counting from the day after you ' +
    `receive this letter. If you receive this letter on or before ${receivedBy}, you can in any case pay up to and ` +
    `including ${lastDay}.`,
  noticeCosts: ({ costs, totalWithCosts }) =>
    `If you do not pay within this term, we will charge collection costs of ${costs}, calculated under the Dutch ` +
    `Extrajudicial Collection Costs Decree (Besluit vergoeding voor buitengerechtelijke incassokosten), without VAT. ` +
    `You will then owe us ${totalWithCosts}.`,
  noticePay: ({ amount, iban, name, quote }) => `Please transfer ${amount} to ${iban} in the name of ${name}, quoting ${quote}.`,
  alreadyPaidLetter: 'If you have paid in the meantime, please disregard this letter.',
  contact: (email) =>
    `If you have any questions, or cannot pay the full amount at once, please contact us at ${email} and we will ` +
    'look for a solution together.',
  salutation: (name) => `Dear ${name ?? 'member'},`,
  closing: 'Kind regards,',
};

export const LABELS: Readonly<Record<DocumentLanguage, Labels>> = { nl: NL, en: EN };
