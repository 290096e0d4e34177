import { formatEuro } from '@buurtcoop/core';
import { PDF_FONT, PDF_MARGIN, PDF_MUTED, PDF_SIZE, Pdf, PdfRenderOptions, contentWidth, ensureSpace, footers, formatLongDate, paragraph, pdfTable, renderPdf, toWinAnsi } from '@buurtcoop/finance';
import { hoursMinutes } from '../exports/report-export';
import { ReportCell, ReportColumn, ReportTable } from '../report-table';
import { NARRATIVE_SECTIONS, Narrative, NarrativeSection } from './entities/accountability-report.entity';

const SECTION_TITLES: Record<NarrativeSection, string> = {
  samenvatting: 'Samenvatting',
  activiteiten: 'Activiteiten',
  bereik: 'Bereik',
  financien: 'Financiën',
  vooruitblik: 'Vooruitblik',
};

export interface AccountabilityPdfInput {
  cooperativeName: string;
  agreementReference: string;
  periodFrom: string;
  periodThrough: string;
  version: number;
  status: string;
  createdOn: string;
  narrative: Narrative;
  /** The figures' tables as the reviewer receives them (suppressed cells hold "<5" or "x"). */
  tables: ReportTable[];
}

/** A bar: a number, or a marker for a hidden figure, drawn as a hatched outline labelled with the marker. */
export interface Bar {
  label: string;
  value: number | string | null;
  /** What is printed at the end of the bar. */
  text: string;
}

function cellText(column: ReportColumn, value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (column.kind === 'cents') return formatEuro(value);
  if (column.kind === 'minutes') return hoursMinutes(value);
  if (column.kind === 'percent') return `${value}%`;
  return String(value);
}

/** A horizontal bar chart from pdfkit primitives; a hidden value gets a hatched empty bar, never a length. */
function barChart(pdf: Pdf, title: string, bars: Bar[]): void {
  const rowHeight = 16;
  ensureSpace(pdf, 30 + rowHeight * Math.max(bars.length, 1));
  paragraph(pdf, title, { bold: true, gap: 4 });
  if (bars.length === 0) {
    paragraph(pdf, 'Geen geleverde diensten in deze periode.', { size: PDF_SIZE.small, gap: 8 });
    return;
  }
  const labelWidth = 150;
  const x0 = PDF_MARGIN.left + labelWidth;
  const width = contentWidth(pdf) - labelWidth - 60;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === 'number' ? b.value : 0)));
  for (const bar of bars) {
    const y = pdf.y;
    pdf.font(PDF_FONT.regular, PDF_SIZE.small).fillColor('black').text(toWinAnsi(bar.label), PDF_MARGIN.left, y + 3, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    if (typeof bar.value === 'number') {
      const w = Math.max(1, Math.round((width * bar.value) / max));
      pdf.save().rect(x0, y + 2, w, rowHeight - 5).fill('#4a7bb7').restore();
      pdf.fillColor('black').text(toWinAnsi(bar.text), x0 + w + 4, y + 3, { width: 56, lineBreak: false });
    } else {
      const w = Math.round(width / 8);
      pdf.save().lineWidth(0.5).strokeColor(PDF_MUTED).rect(x0, y + 2, w, rowHeight - 5).stroke();
      for (let h = 0; h < w + rowHeight; h += 4) {
        pdf.moveTo(x0 + Math.max(0, h - (rowHeight - 5)), y + 2 + Math.min(rowHeight - 5, h)).lineTo(x0 + Math.min(w, h), y + 2 + Math.max(0, h - w)).stroke();
      }
      pdf.restore();
      pdf.fillColor(PDF_MUTED).text(toWinAnsi(bar.text), x0 + w + 4, y + 3, { width: 56, lineBreak: false });
      pdf.fillColor('black');
    }
    pdf.x = PDF_MARGIN.left;
    pdf.y = y + rowHeight;
  }
  pdf.y += 8;
}

const rowsWithout = (table: ReportTable | undefined, key: string) => (table?.rows ?? []).filter((r) => r[key] !== 'Totaal');

/** Hours per month and residents per service category, read from the figures' tables. */
export function chartBars(tables: ReportTable[]): { hoursPerMonth: Bar[]; residentsPerCategory: Bar[] } {
  const byName = (name: string) => tables.find((t) => t.name === name);
  const hoursPerMonth = rowsWithout(byName('uitvoer-per-maand'), 'month').map((r) => {
    const minutes = r.minutes;
    const hidden = typeof minutes !== 'number';
    return { label: String(r.month), value: hidden ? (typeof r.residents === 'string' ? r.residents : null) : minutes, text: hidden ? (typeof r.residents === 'string' ? r.residents : '<5') : `${hoursMinutes(minutes)} u` };
  });
  const residentsPerCategory = rowsWithout(byName('uitvoer-per-dienstcategorie'), 'category').map((r) => ({ label: String(r.category), value: r.residents, text: String(r.residents ?? '') }));
  return { hoursPerMonth, residentsPerCategory };
}

/** The verantwoording as a document a municipal officer can file: narrative, charts and the figures' tables. */
export function renderAccountabilityPdf(input: AccountabilityPdfInput, options: PdfRenderOptions = {}): Promise<Buffer> {
  const title = `Verantwoording ${input.agreementReference}`;
  return renderPdf({ title, author: input.cooperativeName, createdOn: input.createdOn }, options, (pdf) => {
    paragraph(pdf, input.cooperativeName, { bold: true, size: PDF_SIZE.name, gap: 10 });
    paragraph(pdf, title, { bold: true, size: PDF_SIZE.title, gap: 8 });
    for (const [label, value] of [
      ['Subsidiebeschikking (kenmerk)', input.agreementReference],
      ['Periode', `${formatLongDate(input.periodFrom, 'nl')} t/m ${formatLongDate(input.periodThrough, 'nl')}`],
      ['Versie', `${input.version} (${input.status}), ${formatLongDate(input.createdOn, 'nl')}`],
    ]) {
      paragraph(pdf, `${label}: ${value}`, { gap: 2 });
    }
    pdf.y += 10;
    for (const section of NARRATIVE_SECTIONS) {
      paragraph(pdf, SECTION_TITLES[section], { bold: true, size: 12, gap: 3 });
      paragraph(pdf, input.narrative[section]?.trim() || '—', { gap: 10 });
    }
    const bars = chartBars(input.tables);
    barChart(pdf, 'Geleverde uren per maand', bars.hoursPerMonth);
    barChart(pdf, 'Geholpen bewoners per dienstcategorie', bars.residentsPerCategory);
    paragraph(pdf, 'Een aantal onder de 5 bewoners wordt niet getoond ("<5"); "x" verbergt een cijfer waaruit het anders te herleiden is.', { size: PDF_SIZE.small, gap: 10 });
    for (const t of input.tables) {
      const heading = () => paragraph(pdf, t.title, { bold: true, size: 12, gap: 3 });
      // The heading stays with the table's header and first rows (a wrapped note can make a row tall).
      ensureSpace(pdf, 140);
      heading();
      // Wide output tables print their first columns; the full tables are in the CSV/XLSX export.
      const columns = t.columns.slice(0, 5);
      pdfTable(
        pdf,
        columns.map((c, i) => ({ header: c.label, width: i === 0 ? undefined : 78, align: c.kind === 'text' ? ('left' as const) : ('right' as const) })),
        t.rows.map((r) => columns.map((c) => cellText(c, r[c.key]))),
        heading,
      );
      pdf.y += 8;
    }
    footers(pdf, [`${input.cooperativeName} — ${title}`], (page, count) => `pagina ${page} van ${count}`);
  });
}
