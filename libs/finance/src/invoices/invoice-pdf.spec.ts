import { extractPdfText } from '@buurtcoop/testing';
import { InvoiceDocument, InvoiceLine, PaymentNoticeDocument, collectionCostsCents, renderInvoicePdf, renderPaymentNoticePdf } from './invoice-pdf';

const cooperative: InvoiceDocument['cooperative'] = {
  name: 'Buurtcoöperatie De Linde',
  street: 'Lindelaan 12',
  postcode: '3511 AB',
  city: 'Utrecht',
  kvkNumber: '12345678',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  sepaCreditorId: 'NL57ZZZ999999999999',
  email: 'penningmeester@delinde.example',
};

const lines: InvoiceLine[] = [
  { description: 'Contributie 2027', quantity: 1, unitAmountCents: 4_500, amountCents: 4_500 },
  { description: 'Huur moestuinbak 14, seizoen 2027', quantity: 2, unitAmountCents: 60_000, amountCents: 120_000 },
  { description: 'Korting vrijwilligers', amountCents: -1_044 },
];

function invoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    cooperative,
    addressee: { name: 'Anna de Vries', street: 'Kastanjestraat 3-bis', postcode: '3512 CD', city: 'Utrecht' },
    memberNumber: 'L-0042',
    invoiceNumber: '2027-000123',
    issueDate: '2026-11-23',
    dueDate: '2026-12-21',
    paymentReference: '1234567890123456',
    lines,
    totalCents: 123_456,
    paidCents: 0,
    openCents: 123_456,
    payment: { method: 'transfer' },
    ...overrides,
  };
}

const textOf = async (pdf: Promise<Buffer>) => extractPdfText(await pdf);

describe(renderInvoicePdf.name, () => {
  const sut = (doc: InvoiceDocument) => textOf(renderInvoicePdf(doc, { compress: false }));

  it('prints the invoice number, addressee, every line, the Dutch total, the grouped reference and the IBAN', async () => {
    const { pages, all } = await sut(invoice());

    expect(pages).toHaveLength(1);
    const page = pages[0];
    expect(page).toEqual(expect.arrayContaining(['Factuur', '2027-000123', 'Anna de Vries', 'Kastanjestraat 3-bis', '3512 CD Utrecht']));
    expect(page).toEqual(expect.arrayContaining(['Contributie 2027', '1', '€ 45,00']));
    expect(page).toEqual(expect.arrayContaining(['Huur moestuinbak 14, seizoen 2027', '2', '€ 600,00', '€ 1.200,00']));
    expect(page).toEqual(expect.arrayContaining(['Korting vrijwilligers', '-€ 10,44']));
    expect(page).toEqual(expect.arrayContaining(['Totaal', '€ 1.234,56', 'Al betaald', '€ 0,00', 'Te betalen']));
    expect(page).toEqual(expect.arrayContaining(['Factuurdatum', '23 november 2026', 'Vervaldatum', '21 december 2026']));
    expect(page).toEqual(expect.arrayContaining(['Lidnummer', 'L-0042', 'Betalingskenmerk', '1234 5678 9012 3456']));
    expect(all).toContain('Vrijgesteld van btw.');
    expect(all).toContain(
      'Wilt u € 1.234,56 uiterlijk op 21 december 2026 overmaken naar NL91 ABNA 0417 1643 00 ten name van ' +
        'Buurtcoöperatie De Linde, met betalingskenmerk 1234 5678 9012 3456?',
    );
    expect(all).toContain('KvK 12345678 · IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A · Incassant-ID NL57ZZZ999999999999');
    expect(page).toContain('Pagina 1 van 1');
  });

  it('uses English labels, dates and amounts in the English variant', async () => {
    const { all } = await sut(invoice({ language: 'en' }));

    const labels = ['Invoice number', 'Invoice date', 'Due date', 'Member number', 'Payment reference', 'Description'];
    labels.push('Quantity', 'Unit price', 'Total', 'Already paid', 'Amount due', 'VAT exempt.', 'Page 1 of 1');
    for (const label of labels) {
      expect(all).toContain(label);
    }
    expect(all).toContain('23 November 2026');
    expect(all).toContain('€1,234.56');
    expect(all).toContain('Please transfer €1,234.56 by 21 December 2026 to NL91 ABNA 0417 1643 00');
    for (const dutch of ['Factuurnummer', 'Omschrijving', 'Te betalen', 'btw', 'november']) {
      expect(all).not.toContain(dutch);
    }
  });

  it('breaks a long table over pages and repeats the header', async () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ description: `Consumptie ${index + 1}`, amountCents: 1_000 + index }));
    const total = many.reduce((sum, line) => sum + line.amountCents, 0);

    const { pages } = await sut(invoice({ lines: many, totalCents: total, openCents: total }));

    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page).toEqual(expect.arrayContaining(['Omschrijving', 'Aantal', 'Prijs per stuk', 'Bedrag']));
    }
    expect(pages[1]).toContain('Buurtcoöperatie De Linde · Factuur 2027-000123 (vervolg)');
    const printed = pages.flat().filter((line) => line.startsWith('Consumptie '));
    expect(printed).toEqual(many.map((line) => line.description)); // each line once, in order
    expect(pages[0]).toContain('Consumptie 1');
    expect(pages[1]).toContain('Consumptie 60');
    expect(pages[1]).toContain('€ 617,70'); // 60 × € 10 + (€ 0,00 + … + € 0,59)
    expect(pages[0]).toContain('Pagina 1 van 2');
    expect(pages[1]).toContain('Pagina 2 van 2');
  });

  it('wraps a long description within its column', async () => {
    const description = 'Bijdrage aan de gezamenlijke aanschaf van de bakfiets, de aanhanger en het gereedschap voor de buurttuin, verdeeld over alle leden';
    const { pages, all } = await sut(invoice({ lines: [{ description, amountCents: 123_456 }] }));

    expect(pages[0]).not.toContain(description);
    expect(all).toContain(description);
  });

  it('prints only what is left of an erased member’s address', async () => {
    const { pages } = await sut(invoice({ addressee: { name: null, street: null, postcode: null, city: 'Utrecht' } }));

    expect(pages[0]).toContain('Utrecht');
    expect(pages[0].join(' ')).not.toMatch(/null|undefined|Anna/);
  });

  it('announces a direct debit with only the end of the member’s IBAN', async () => {
    const payment = { method: 'direct_debit', debtorIban: 'NL02ABNA0123456789', mandateReference: 'LID-0042', collectionDate: '2026-12-01' } as const;

    const { all } = await sut(invoice({ payment }));

    expect(all).toContain(
      'Wij schrijven € 1.234,56 rond 1 december 2026 automatisch af van uw rekening eindigend op …6789, onder ' +
        'machtigingskenmerk LID-0042 en incassant-ID NL57ZZZ999999999999.',
    );
    expect(all).not.toContain('0123456789');
    expect(all).not.toContain('overmaken');
  });

  it('says a paid invoice needs nothing more', async () => {
    const { all } = await sut(invoice({ payment: { method: 'paid' }, paidCents: 123_456, openCents: 0 }));

    expect(all).toContain('Deze factuur is voldaan.');
    expect(all).not.toContain('overmaken');
  });

  it('promises a refund on a credit invoice instead of asking for money', async () => {
    const credit = [{ description: 'Creditering factuur 2027-000100', amountCents: -4_500 }];

    const { all } = await sut(invoice({ lines: credit, totalCents: -4_500, openCents: -4_500 }));

    expect(all).toContain('-€ 45,00');
    expect(all).toContain('U heeft een tegoed van € 45,00. Dit bedrag betalen wij aan u terug.');
    expect(all).not.toContain('overmaken');
  });

  it('replaces characters the standard fonts cannot show instead of garbling the line', async () => {
    const addressee = { name: 'Łukasz Şahin', street: 'Dorpsstraat 1', postcode: '1234 AB', city: 'Ĳsselstein' };

    const { pages } = await sut(invoice({ addressee }));

    expect(pages[0]).toEqual(expect.arrayContaining(['Lukasz Sahin', '1234 AB IJsselstein']));
  });

  it('refuses an invoice whose lines do not add up to its total', async () => {
    await expect(renderInvoicePdf(invoice({ totalCents: 123_455, openCents: 123_455 }))).rejects.toThrow(/add up to 123456 cents/);
  });

  it('refuses an open amount that is not total minus paid', async () => {
    await expect(renderInvoicePdf(invoice({ paidCents: 1_000 }))).rejects.toThrow(RangeError);
  });

  it('refuses a payment reference that is not 16 digits', async () => {
    await expect(renderInvoicePdf(invoice({ paymentReference: '12345' }))).rejects.toThrow(/16 digits/);
  });

  it('compresses by default, renders the same bytes twice, and reads back the same text', async () => {
    const compressed = await renderInvoicePdf(invoice());
    const plain = await renderInvoicePdf(invoice(), { compress: false });

    expect(compressed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(compressed.toString('latin1')).toContain('/FlateDecode');
    expect(plain.toString('latin1')).not.toContain('/FlateDecode');
    expect(compressed.length).toBeLessThan(plain.length);
    expect(await renderInvoicePdf(invoice())).toEqual(compressed);
    expect(extractPdfText(compressed)).toEqual(extractPdfText(plain));
  });
});

describe(renderPaymentNoticePdf.name, () => {
  const sut = (doc: PaymentNoticeDocument) => textOf(renderPaymentNoticePdf(doc, { compress: false }));

  const notice = (overrides: Partial<PaymentNoticeDocument> = {}): PaymentNoticeDocument => ({
    stage: 'notice',
    cooperative,
    addressee: { name: 'Anna de Vries', street: 'Kastanjestraat 3-bis', postcode: '3512 CD', city: 'Utrecht' },
    memberNumber: 'L-0042',
    sentOn: '2026-11-20', // a Friday: presumed received Tuesday 24 November
    paymentReference: '9876543210987654',
    invoices: [
      { invoiceNumber: '2026-000077', issueDate: '2026-09-01', dueDate: '2026-09-29', openCents: 15_000 },
      { invoiceNumber: '2026-000091', issueDate: '2026-10-01', dueDate: '2026-10-29', openCents: 12_500 },
    ],
    ...overrides,
  });

  it('states the outstanding amount, the 14-day term from the day after receipt, and the collection costs', async () => {
    const { pages, all } = await sut(notice());

    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual(expect.arrayContaining(['Aanmaning', 'Anna de Vries', '2026-000077', '2026-000091', '€ 150,00', '€ 125,00']));
    expect(pages[0]).toEqual(expect.arrayContaining(['Totaal openstaand', '€ 275,00', '20 november 2026', '9876 5432 1098 7654']));
    expect(all).toContain('Beste Anna de Vries, Ondanks onze herinnering');
    expect(all).toContain('U bent ons in totaal € 275,00 verschuldigd.');
    expect(all).toContain(
      'binnen veertien dagen, te rekenen vanaf de dag nadat u deze brief heeft ontvangen. Ontvangt u deze brief ' +
        'uiterlijk op dinsdag 24 november 2026, dan kunt u in elk geval tot en met dinsdag 8 december 2026 betalen.',
    );
    expect(collectionCostsCents(27_500)).toBe(4_125); // 15% of € 275
    expect(all).toContain('dan brengen wij incassokosten van € 41,25 in rekening');
    expect(all).toContain('U bent ons dan € 316,25 verschuldigd.');
    expect(all).toContain('onder vermelding van betalingskenmerk 9876 5432 1098 7654');
  });

  it('charges the € 40 minimum on a small debt', async () => {
    const { all } = await sut(notice({ invoices: [{ invoiceNumber: '2026-000077', issueDate: '2026-09-01', dueDate: '2026-09-29', openCents: 4_500 }] }));

    expect(all).toContain('incassokosten van € 40,00');
    expect(all).toContain('U bent ons dan € 85,00 verschuldigd.');
  });

  it('states the term and costs in English too', async () => {
    const { all } = await sut(notice({ language: 'en' }));

    expect(all).toContain('Final notice');
    expect(all).toContain(
      'within fourteen days, counting from the day after you receive this letter. If you receive this letter on or ' +
        'before Tuesday 24 November 2026, you can in any case pay up to and including Tuesday 8 December 2026.',
    );
    expect(all).toContain('we will charge collection costs of €41.25');
  });

  it('sends a reminder without threatening collection costs', async () => {
    const { all } = await sut(notice({ stage: 'reminder', payBy: '2026-12-04', paymentReference: null }));

    expect(all).toContain('Betalingsherinnering');
    expect(all).toContain('2026-000077');
    expect(all).toContain(
      'Wilt u € 275,00 uiterlijk op 4 december 2026 overmaken naar NL91 ABNA 0417 1643 00 ten name van ' +
        'Buurtcoöperatie De Linde, onder vermelding van de factuurnummers?',
    );
    expect(all).not.toMatch(/incassokosten|veertien dagen|Aanmaning/);
    expect(all).toContain('Met vriendelijke groet, Buurtcoöperatie De Linde');
  });

  it('refuses a letter without anything due', async () => {
    await expect(renderPaymentNoticePdf(notice({ invoices: [] }))).rejects.toThrow(RangeError);
  });
});
