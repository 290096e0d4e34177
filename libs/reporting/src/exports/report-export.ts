import { StreamableFile } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { assertCents, formatDecimalCents } from '@buurtcoop/core';
import { ReportCell, ReportColumn, ReportTable } from '../report-table';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `;` as separator, CRLF line ends and a UTF-8 byte-order mark: Excel with Dutch regional settings opens such a file
 * by double-click with every column in place and é, ë and € intact, because there the list separator is `;` and
 * the decimal separator `,` (a `,`-separated file lands in one column). RFC 4180 otherwise: a field holding the
 * separator, a quote or a line break is quoted, and quotes inside are doubled.
 */
const SEPARATOR = ';';
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Cents as `1234,56` / `-0,05`: the core's integer-only decimal form with a decimal comma (no thousands separator, so Excel reads a number). */
export function csvEuros(cents: number): string {
  return formatDecimalCents(cents).replace('.', ',');
}

/** Minutes as hours:minutes, `125` → `2:05`, exact where decimal hours would have to round (20 minutes). */
export function hoursMinutes(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`minutes must be an integer, got ${minutes}`);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : ''}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** A cell as CSV text. A string in a numeric column is a suppression marker (`<5`, `x`) and is written as it is. */
function csvValue(column: ReportColumn, value: ReportCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  switch (column.kind) {
    case 'cents':
      return csvEuros(value);
    case 'minutes':
      return hoursMinutes(value);
    case 'count':
      if (!Number.isSafeInteger(value)) throw new RangeError(`${column.key} must be a whole count, got ${value}`);
      return String(value);
    case 'percent':
      return String(value).replace('.', ',');
    default:
      return String(value);
  }
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRecords(table: ReportTable): string[] {
  const header = table.columns.map((c) => csvField(c.label)).join(SEPARATOR);
  const rows = table.rows.map((row) => table.columns.map((c) => csvField(csvValue(c, row[c.key] ?? null))).join(SEPARATOR));
  return [header, ...rows];
}

/**
 * One table as a CSV file; several as one file of blocks, each a title line, its header and rows, separated by a
 * blank line, so a dashboard is one download that still opens in Excel.
 */
export function toCsv(tables: ReportTable | ReportTable[]): Buffer {
  const list = Array.isArray(tables) ? tables : [tables];
  const blocks = list.length === 1 ? [csvRecords(list[0])] : list.map((t) => [csvField(t.title), ...csvRecords(t)]);
  return Buffer.from(BOM + blocks.map((b) => b.join(CRLF)).join(CRLF + CRLF) + CRLF, 'utf8');
}

const EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00';
const DURATION_FORMAT = '[h]:mm';
const DATE_FORMAT = 'dd-mm-yyyy';

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique within the workbook. */
function sheetName(table: ReportTable, taken: Set<string>): string {
  const base = (table.title || table.name).replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The value Excel stores for a cell; strings (suppression markers) stay text. */
function excelValue(column: ReportColumn, value: ReportCell): string | number | Date | null {
  if (value === null || value === undefined || typeof value === 'string') {
    if (column.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return value ?? null;
  }
  switch (column.kind) {
    case 'cents':
      // The only division of money in the product: Excel keeps numbers as doubles, so it is handed euros for display
      // and its own sums; the figures themselves were computed in integer cents and the CSV carries them exactly.
      return assertCents(value, column.key) / 100;
    case 'minutes':
      // Excel counts time in days; [h]:mm shows whole hours and minutes of it.
      return value / 1440;
    default:
      return value;
  }
}

function displayWidth(column: ReportColumn, value: ReportCell): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length;
  if (column.kind === 'cents') return csvEuros(value).length + 4;
  if (column.kind === 'minutes') return hoursMinutes(value).length;
  return String(value).length;
}

/** One sheet per table: a bold header row, money as numbers with a euro format, hours as [h]:mm, widths to fit. */
export async function toXlsx(tables: ReportTable[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Buurtcoop';
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table, taken));
    sheet.columns = table.columns.map((column) => ({
      header: column.label,
      key: column.key,
      width: Math.min(60, Math.max(column.label.length, ...table.rows.map((r) => displayWidth(column, r[column.key] ?? null))) + 2),
      style: column.kind === 'cents' ? { numFmt: EURO_FORMAT } : column.kind === 'minutes' ? { numFmt: DURATION_FORMAT } : column.kind === 'date' ? { numFmt: DATE_FORMAT } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of table.rows) {
      sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, excelValue(c, row[c.key] ?? null)])));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CONTENT_TYPES: Record<Exclude<ReportFormat, 'json'>, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * What a report route answers for `?format=`: the JSON body as it is, or the tables as a download named
 * `<fileName>.csv` / `.xlsx`.
 */
export async function reportResponse<T>(format: ReportFormat | undefined, fileName: string, json: T, tables: () => ReportTable[]): Promise<T | StreamableFile> {
  if (format === undefined || format === 'json') return json;
  const body = format === 'csv' ? toCsv(tables()) : await toXlsx(tables());
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '-');
  return new StreamableFile(body, { type: CONTENT_TYPES[format], disposition: `attachment; filename="${safe}.${format}"`, length: body.length });
}
