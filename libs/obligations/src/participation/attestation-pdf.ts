import { PDF_SIZE, PdfColumn, PdfRenderOptions, footers, formatLongDate, paragraph, pdfTable, renderPdf } from '@buurtcoop/finance';
import { ParticipationPurpose } from './entities/participation-agreement.entity';
import { hoursMinutes, monthLabel } from './participation-months';
import { WorkKind } from './participation.repository';

const PURPOSES: Record<ParticipationPurpose, string> = {
  tegenprestatie: 'Tegenprestatie (Participatiewet)',
  vrijwilligerswerk: 'Vrijwilligerswerk',
  other: 'Deelname',
};

export interface AttestationDocument {
  cooperativeName: string;
  memberName: string;
  memberNumber: number;
  /** `YYYY-MM`. */
  month: string;
  purpose: ParticipationPurpose;
  description: string;
  externalReference: string | null;
  agreedMinutes: number;
  deliveredMinutes: number;
  workKinds: readonly WorkKind[];
  issuedOn: string;
}

/** The monthly attestation (verklaring) a member hands to the social services: agreed and delivered hours, and what the work was. Dutch. */
export function renderAttestationPdf(doc: AttestationDocument, options: PdfRenderOptions = {}): Promise<Buffer> {
  const month = monthLabel(doc.month);
  const title = `Verklaring deelname ${month}`;
  const columns: PdfColumn[] = [{ header: 'Soort werk' }, { header: 'Uren (u:mm)', width: 110, align: 'right' }];
  const rows = doc.workKinds.map((w) => [w.categoryName, hoursMinutes(w.minutes)]);
  return renderPdf({ title, author: doc.cooperativeName, createdOn: doc.issuedOn }, options, (pdf) => {
    paragraph(pdf, doc.cooperativeName, { bold: true, size: PDF_SIZE.name, gap: 24 });
    paragraph(pdf, title, { bold: true, size: PDF_SIZE.title, gap: 12 });
    const facts: Array<[string, string]> = [
      ['Naam', doc.memberName],
      ['Lidnummer', String(doc.memberNumber)],
      ['Maand', month],
      ['Afspraak', `${PURPOSES[doc.purpose]}: ${doc.description}`],
    ];
    if (doc.externalReference) facts.push(['Kenmerk', doc.externalReference]);
    facts.push(['Afgesproken uren', hoursMinutes(doc.agreedMinutes)], ['Geleverde uren', hoursMinutes(doc.deliveredMinutes)], ['Datum van afgifte', formatLongDate(doc.issuedOn, 'nl')]);
    for (const [label, value] of facts) paragraph(pdf, `${label}: ${value}`, { gap: 3 });
    pdf.y += 10;
    paragraph(
      pdf,
      `${doc.cooperativeName} verklaart dat ${doc.memberName} in ${month} ${hoursMinutes(doc.deliveredMinutes)} uur heeft gewerkt via de coöperatie, ` +
        `tegen ${hoursMinutes(doc.agreedMinutes)} uur afgesproken. Geteld zijn de afgeronde en door de bewoner bevestigde diensten die in deze maand begonnen.`,
      { gap: 10 },
    );
    if (rows.length === 0) paragraph(pdf, 'In deze maand is geen werk geleverd.', { gap: 10 });
    else pdfTable(pdf, columns, rows, () => paragraph(pdf, `${title} (vervolg)`, { bold: true }));
    paragraph(pdf, `Deze verklaring is afgegeven op verzoek van ${doc.memberName}, met diens toestemming.`, { gap: 18 });
    paragraph(pdf, 'Namens het bestuur,', { gap: 0 });
    paragraph(pdf, doc.cooperativeName);
    footers(pdf, [`${doc.cooperativeName} · ${title} · lidnummer ${doc.memberNumber}`], (page, count) => `pagina ${page} van ${count}`);
  });
}
