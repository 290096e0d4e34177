import { Cents, sumCents } from '@buurtcoop/core';
import { IsoDate, formatLongDate } from '../invoices/document-format';
import { Addressee, CooperativeLetterhead, addressLines, continuedHeading, money, senderDetails, senderFooter } from '../invoices/invoice-pdf';
import { LABELS } from '../invoices/invoice-labels';
import { Column, Pdf, RenderOptions, addressBlock, footers, letterhead, paragraph, renderPdf, table, titleAndFacts, totals } from '../invoices/pdf-layout';

/** Gift letters are Dutch: the acknowledgement (bedankbrief) and the year's overview for the tax return. */
const t = LABELS.nl;
const CHANNELS: Record<string, string> = { stripe: 'iDEAL / kaart', bank_transfer: 'Overboeking', cash: 'Contant' };

export interface GiftLetterDocument {
  cooperative: CooperativeLetterhead;
  addressee: Addressee;
  /** Whom the letter greets: the contact person of an organisation, else the donor. */
  salutationName: string | null;
  letterDate: IsoDate;
  receivedOn: IsoDate;
  amountCents: Cents;
  /** The earmark, when the gift was given for a fund. */
  fund: { name: string; purpose: string } | null;
}

export interface GiftOverviewDocument {
  cooperative: CooperativeLetterhead;
  addressee: Addressee;
  letterDate: IsoDate;
  year: number;
  gifts: ReadonlyArray<{ receivedOn: IsoDate; amountCents: Cents; channel: string; fundName: string | null }>;
}

const greeting = (name: string | null) => (name ? `Beste ${name},` : 'Beste gever,');

function signature(pdf: Pdf, cooperative: string): void {
  paragraph(pdf, 'Met vriendelijke groet,', { gap: 18 });
  paragraph(pdf, 'De penningmeester', { gap: 0 });
  paragraph(pdf, cooperative);
}

/** The bedankbrief for one gift: who gave, how much, when, and for what when it was earmarked. */
export function renderGiftLetterPdf(doc: GiftLetterDocument, options: RenderOptions = {}): Promise<Buffer> {
  const amount = money(doc.amountCents, 'nl');
  const facts: Array<[string, string]> = [
    ['Datum', formatLongDate(doc.letterDate, 'nl')],
    ['Gift ontvangen op', formatLongDate(doc.receivedOn, 'nl')],
    ['Bedrag', amount],
  ];
  if (doc.fund) facts.push(['Bestemming', doc.fund.name]);
  const name = doc.cooperative.name;
  return renderPdf({ title: 'Bedankt voor uw gift', author: name, createdOn: doc.letterDate }, options, (pdf) => {
    letterhead(pdf, name, senderDetails(doc.cooperative, t));
    addressBlock(pdf, addressLines(doc.addressee));
    titleAndFacts(pdf, 'Bedankt voor uw gift', facts);
    paragraph(pdf, greeting(doc.salutationName), { gap: 10 });
    paragraph(pdf, `Hartelijk dank voor uw gift van ${amount}, die wij op ${formatLongDate(doc.receivedOn, 'nl')} in goede orde hebben ontvangen.`);
    if (doc.fund) paragraph(pdf, `U gaf deze gift voor ${doc.fund.name}: ${doc.fund.purpose}. Wij besteden uw gift uitsluitend aan dit doel en leggen daar in ons jaarverslag verantwoording over af.`);
    paragraph(pdf, `Met uw steun helpen buurtbewoners elkaar: met boodschappen, klussen, vervoer en een luisterend oor. Namens ${name} en iedereen die daar baat bij heeft: dank u wel.`, { gap: 12 });
    signature(pdf, name);
    footers(pdf, senderFooter(doc.cooperative, t), t.page);
  });
}

/** The giftenoverzicht: every gift of one year and the total, for the donor's tax return. */
export function renderGiftOverviewPdf(doc: GiftOverviewDocument, options: RenderOptions = {}): Promise<Buffer> {
  const name = doc.cooperative.name;
  const title = `Giftenoverzicht ${doc.year}`;
  const total = money(sumCents(doc.gifts.map((g) => g.amountCents)), 'nl');
  const columns: Column[] = [{ header: 'Datum', width: 120 }, { header: 'Wijze', width: 100 }, { header: 'Bestemming' }, { header: 'Bedrag', width: 90, align: 'right' }];
  const rows = doc.gifts.map((g) => [formatLongDate(g.receivedOn, 'nl'), CHANNELS[g.channel] ?? g.channel, g.fundName ?? 'Algemeen', money(g.amountCents, 'nl')]);
  return renderPdf({ title, author: name, createdOn: doc.letterDate }, options, (pdf) => {
    letterhead(pdf, name, senderDetails(doc.cooperative, t));
    addressBlock(pdf, addressLines(doc.addressee));
    titleAndFacts(pdf, title, [
      ['Datum', formatLongDate(doc.letterDate, 'nl')],
      ['Jaar', String(doc.year)],
      ['Aantal giften', String(doc.gifts.length)],
    ]);
    if (doc.gifts.length === 0) paragraph(pdf, `Wij hebben in ${doc.year} geen giften van u ontvangen.`);
    else {
      paragraph(pdf, `Dit zijn de giften die ${name} in ${doc.year} van u ontving. U kunt dit overzicht bewaren bij uw aangifte.`, { gap: 10 });
      table(pdf, columns, rows, continuedHeading(pdf, `${name} · ${title} (${t.continued})`));
      totals(pdf, [{ label: `Totaal ${doc.year}`, amount: total, emphasise: true }]);
    }
    paragraph(pdf, 'Hartelijk dank voor uw steun.', { gap: 12 });
    signature(pdf, name);
    footers(pdf, senderFooter(doc.cooperative, t), t.page);
  });
}
