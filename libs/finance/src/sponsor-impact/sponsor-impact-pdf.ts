import { MIN_CELL_COUNT, SUPPRESSED_CELL } from '@buurtcoop/core';
import { IsoDate, formatLongDate } from '../invoices/document-format';
import { Column, FONT, SIZE, footers, letterhead, paragraph, renderPdf, table, titleAndFacts, totals, RenderOptions } from '../invoices/pdf-layout';
import { SponsorImpact } from './dto/sponsor-impact.dto';
import { ImpactCell, PROTECTING_CELL } from './impact-table';
import { formatPostcodeRanges } from './postcode-ranges';

export const SPONSOR_IMPACT_TITLE = 'Wat de buurt deed in uw wijk';

/** `12:30` for 750 minutes: hours and minutes, exact. */
export function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

const households = (c: ImpactCell) => String(c.households);
const hours = (c: ImpactCell) => (c.deliveredMinutes === null ? String(c.households) : formatMinutes(c.deliveredMinutes));

/** The sponsor's one-page statement, drawn with the invoices' layout primitives. */
export function renderSponsorImpactPdf(
  doc: { cooperativeName: string; printedOn: IsoDate; impact: SponsorImpact },
  options: RenderOptions = {},
): Promise<Buffer> {
  const { impact } = doc;
  const period = `${formatLongDate(impact.from, 'nl')} t/m ${formatLongDate(impact.through, 'nl')}`;
  const columns: Column[] = [
    { header: 'Postcode' },
    { header: 'Huishoudens geholpen', width: 140, align: 'right' },
    { header: 'Uren (u:mm)', width: 110, align: 'right' },
  ];
  return renderPdf({ title: `${SPONSOR_IMPACT_TITLE} · ${period}`, author: doc.cooperativeName, createdOn: doc.printedOn }, options, (pdf) => {
    letterhead(pdf, doc.cooperativeName, [`Opgemaakt op ${formatLongDate(doc.printedOn, 'nl')}`]);
    titleAndFacts(pdf, SPONSOR_IMPACT_TITLE, [
      ['Periode', period],
      ['Postcodegebied', formatPostcodeRanges(impact.postcodes)],
    ]);
    if (impact.table.categories.length === 0) paragraph(pdf, 'In deze periode zijn in dit gebied geen afgeronde diensten geleverd.');
    for (const category of impact.table.categories) {
      paragraph(pdf, category.category, { bold: true, gap: 2 });
      table(
        pdf,
        columns,
        [...category.postcodes.map((p) => [String(p.postcode4), households(p), hours(p)]), ['Heel het gebied', households(category.total), hours(category.total)]],
        () => paragraph(pdf, `${category.category} (vervolg)`, { bold: true, gap: 2 }),
      );
    }
    if (impact.table.categories.length > 1) {
      paragraph(pdf, 'Alle diensten', { bold: true, gap: 2 });
      table(pdf, columns, impact.table.postcodeTotals.map((p) => [String(p.postcode4), households(p), hours(p)]), () => paragraph(pdf, 'Alle diensten (vervolg)', { bold: true, gap: 2 }));
    }
    totals(pdf, [
      { label: 'Huishoudens geholpen, alle diensten', amount: households(impact.table.total), emphasise: true },
      { label: 'Uren geleverd, alle diensten', amount: hours(impact.table.total), emphasise: true },
    ]);
    pdf.font(FONT.regular, SIZE.body);
    paragraph(
      pdf,
      `Aantallen onder de ${MIN_CELL_COUNT} worden getoond als "${SUPPRESSED_CELL}" om de privacy van bewoners te beschermen; ` +
        `een "${PROTECTING_CELL}" is verborgen zodat zo'n aantal niet uit een totaal en de andere cijfers is af te leiden. ` +
        'Een huishouden telt één keer per cel, ook als het vaker geholpen is; daarom tellen de huishoudens niet op tot het totaal.',
      { size: SIZE.small },
    );
    footers(pdf, [`${doc.cooperativeName} · ${SPONSOR_IMPACT_TITLE} · ${period}`], (page, count) => `Pagina ${page} van ${count}`);
  });
}
