import PDFDocument from 'pdfkit';
import { IsoDate, parseIsoDate, toWinAnsi } from './document-format';

/** Layout primitives shared by the invoice and the payment notice: A4, standard Helvetica, no font files. */

export type Pdf = PDFKit.PDFDocument;

export interface RenderOptions {
  /** Deflate the content streams (the default). Tests turn it off to read the text back. */
  compress?: boolean;
}

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;
export const SIZE = { body: 10, small: 8, title: 18, name: 15 } as const;
// Left margin and address position fit a Dutch window envelope (window ~22 mm from the left, ~50 mm from the top).
export const MARGIN = { top: 48, left: 62, right: 56, bottom: 72 } as const;
export const ADDRESS_TOP = 142;
const FOOTER_GAP = 20;
export const MUTED = '#555555';
const RULE = '#999999';

/** Runs `draw` on a fresh A4 document and resolves with the finished file. */
export function renderPdf(
  meta: { title: string; author: string; createdOn: IsoDate },
  options: RenderOptions,
  draw: (pdf: Pdf) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      compress: options.compress ?? true,
      bufferPages: true, // footers with "page 1 of n" are written once the page count is known
      // A fixed creation date makes the same document render to the same bytes.
      info: { Title: toWinAnsi(meta.title), Author: toWinAnsi(meta.author), CreationDate: parseIsoDate(meta.createdOn) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.font(FONT.regular, SIZE.body);
      draw(pdf);
      pdf.end();
    } catch (error) {
      reject(error);
    }
  });
}

export const contentWidth = (pdf: Pdf) => pdf.page.width - MARGIN.left - MARGIN.right;
const bottomLimit = (pdf: Pdf) => pdf.page.height - MARGIN.bottom;

/** Starts a new page when `height` points no longer fit; `onNewPage` draws what each continued page repeats. */
export function ensureSpace(pdf: Pdf, height: number, onNewPage: () => void = () => undefined): void {
  if (pdf.y + height <= bottomLimit(pdf)) return;
  pdf.addPage();
  pdf.x = MARGIN.left;
  pdf.y = MARGIN.top;
  onNewPage();
}

/** Writes wrapped text at the left margin and leaves the cursor below it. */
export function paragraph(pdf: Pdf, text: string, options: { bold?: boolean; size?: number; gap?: number } = {}): void {
  const width = contentWidth(pdf);
  pdf.font(options.bold ? FONT.bold : FONT.regular, options.size ?? SIZE.body);
  const safe = toWinAnsi(text);
  ensureSpace(pdf, Math.min(pdf.heightOfString(safe, { width }), 200));
  pdf.text(safe, MARGIN.left, pdf.y, { width });
  pdf.y += options.gap ?? 6;
}

/** The cooperative's name on the left and its address and registration on the right. */
export function letterhead(pdf: Pdf, name: string, detailLines: readonly string[]): void {
  const rightWidth = 170;
  const rightX = pdf.page.width - MARGIN.right - rightWidth;
  pdf.font(FONT.bold, SIZE.name).fillColor('black');
  pdf.text(toWinAnsi(name), MARGIN.left, MARGIN.top, { width: rightX - MARGIN.left - 12 });
  pdf.font(FONT.regular, SIZE.small).fillColor(MUTED);
  pdf.text(detailLines.map(toWinAnsi).join('\n'), rightX, MARGIN.top, { width: rightWidth, align: 'right' });
  pdf.fillColor('black');
}

/** The addressee in the envelope window: only the lines that exist (an erased member may have none). */
export function addressBlock(pdf: Pdf, lines: ReadonlyArray<string | null | undefined>): void {
  const present = lines.map((line) => line?.trim()).filter((line): line is string => !!line);
  pdf.font(FONT.regular, SIZE.body);
  pdf.text(present.map(toWinAnsi).join('\n'), MARGIN.left, ADDRESS_TOP, { width: 240 });
}

/** A title followed by label/value pairs (invoice number, dates, reference) under the address block. */
export function titleAndFacts(pdf: Pdf, title: string, facts: ReadonlyArray<readonly [string, string]>): void {
  pdf.y = Math.max(pdf.y, ADDRESS_TOP + 90);
  pdf.font(FONT.bold, SIZE.title).text(toWinAnsi(title), MARGIN.left, pdf.y);
  pdf.y += 6;
  const labelWidth = 130;
  for (const [label, value] of facts) {
    const y = pdf.y;
    pdf.font(FONT.regular, SIZE.body).fillColor(MUTED).text(toWinAnsi(label), MARGIN.left, y, { width: labelWidth });
    pdf.fillColor('black').text(toWinAnsi(value), MARGIN.left + labelWidth, y, { width: contentWidth(pdf) - labelWidth });
  }
  pdf.y += 14;
}

export interface Column {
  header: string;
  /** Points; one column may leave it out to take the remaining width. */
  width?: number;
  align?: 'left' | 'right';
}

const CELL_GAP = 8;
const ROW_PADDING = 2;

function columnLayout(pdf: Pdf, columns: readonly Column[]): Array<{ x: number; width: number }> {
  const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
  const flexible = contentWidth(pdf) - fixed;
  let x = MARGIN.left;
  return columns.map((column) => {
    const width = column.width ?? flexible;
    const cell = { x, width: width - CELL_GAP };
    x += width;
    return cell;
  });
}

function rule(pdf: Pdf, y: number, weight = 0.5): void {
  pdf.save().lineWidth(weight).strokeColor(RULE);
  pdf.moveTo(MARGIN.left, y).lineTo(pdf.page.width - MARGIN.right, y).stroke();
  pdf.restore();
}

function tableRow(pdf: Pdf, columns: readonly Column[], cells: readonly string[], bold: boolean): void {
  const layout = columnLayout(pdf, columns);
  pdf.font(bold ? FONT.bold : FONT.regular, SIZE.body);
  const y = pdf.y + ROW_PADDING;
  let bottom = y;
  cells.forEach((cell, index) => {
    const { x, width } = layout[index];
    pdf.text(toWinAnsi(cell), x, y, { width, align: columns[index].align ?? 'left' });
    bottom = Math.max(bottom, pdf.y);
  });
  pdf.x = MARGIN.left;
  pdf.y = bottom + ROW_PADDING;
}

function rowHeight(pdf: Pdf, columns: readonly Column[], cells: readonly string[], bold: boolean): number {
  const layout = columnLayout(pdf, columns);
  pdf.font(bold ? FONT.bold : FONT.regular, SIZE.body);
  const heights = cells.map((cell, index) => pdf.heightOfString(toWinAnsi(cell), { width: layout[index].width }));
  return Math.max(...heights) + 2 * ROW_PADDING;
}

/**
 * A table whose rows wrap within their column and which breaks over pages, repeating `continuedHeading` and the
 * column headers on every page it continues on. A row is never split over two pages.
 */
export function table(
  pdf: Pdf,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  continuedHeading: () => void,
): void {
  const headers = columns.map((column) => column.header);
  const header = () => {
    tableRow(pdf, columns, headers, true);
    rule(pdf, pdf.y, 0.8);
  };
  ensureSpace(pdf, rowHeight(pdf, columns, headers, true) + rowHeight(pdf, columns, rows[0] ?? headers, false), continuedHeading);
  header();
  for (const cells of rows) {
    ensureSpace(pdf, rowHeight(pdf, columns, cells, false), () => {
      continuedHeading();
      header();
    });
    tableRow(pdf, columns, cells, false);
    rule(pdf, pdf.y, 0.25);
  }
  pdf.y += 4;
}

/** Right-aligned label/amount pairs under a table; `emphasise` marks the line that matters (what is still due). */
export function totals(pdf: Pdf, lines: ReadonlyArray<{ label: string; amount: string; emphasise?: boolean }>): void {
  const amountWidth = 100;
  const labelWidth = 200;
  const amountX = pdf.page.width - MARGIN.right - amountWidth;
  const labelX = amountX - labelWidth;
  ensureSpace(pdf, lines.length * 16 + 8);
  for (const line of lines) {
    const y = pdf.y;
    pdf.font(line.emphasise ? FONT.bold : FONT.regular, SIZE.body);
    pdf.text(toWinAnsi(line.label), labelX, y, { width: labelWidth - CELL_GAP, align: 'right' });
    pdf.text(toWinAnsi(line.amount), amountX, y, { width: amountWidth - CELL_GAP, align: 'right' });
    pdf.y += 3;
  }
  pdf.x = MARGIN.left;
  pdf.y += 10;
}

/** Footer lines and "page n of m" on every page, written last so the page count is known. */
export function footers(pdf: Pdf, lines: readonly string[], pageLabel: (page: number, count: number) => string): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // The footer sits in the bottom margin; without lifting the margin pdfkit would start a new page for it.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN.bottom + FOOTER_GAP;
    rule(pdf, y - 6, 0.25);
    pdf.font(FONT.regular, SIZE.small).fillColor(MUTED);
    pdf.text(lines.map(toWinAnsi).join('\n'), MARGIN.left, y, { width: contentWidth(pdf) - 80, lineBreak: true });
    pdf.text(toWinAnsi(pageLabel(index - start + 1, count)), pdf.page.width - MARGIN.right - 80, y, { width: 80, align: 'right' });
    pdf.fillColor('black');
    pdf.page.margins.bottom = bottomMargin;
  }
}
