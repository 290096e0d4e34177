import { Workbook } from 'exceljs';
import { parseCsv } from '@buurtcoop/core';
import { ReportTable } from '../report-table';
import { csvEuros, hoursMinutes, reportResponse, toCsv, toXlsx } from './report-export';

const table: ReportTable = {
  name: 'uren-per-categorie',
  title: 'Uren per categorie',
  columns: [
    { key: 'category', label: 'Categorie', kind: 'text' },
    { key: 'month', label: 'Maand', kind: 'month' },
    { key: 'bookings', label: 'Boekingen', kind: 'count' },
    { key: 'minutes', label: 'Uren', kind: 'minutes' },
    { key: 'amount', label: 'Bedrag', kind: 'cents' },
    { key: 'on', label: 'Datum', kind: 'date' },
  ],
  rows: [
    { category: 'Klussen; "groot" en\nklein', month: '2026-10', bookings: 3, minutes: 125, amount: 123456, on: '2026-10-31' },
    { category: 'Vervoer', month: '2026-11', bookings: '<5', minutes: 20, amount: -5, on: null },
  ],
};

describe('report exports', () => {
  describe(csvEuros.name, () => {
    it.each([
      [123456, '1234,56'],
      [-5, '-0,05'],
      [0, '0,00'],
      [100, '1,00'],
      [9007199254740991, '90071992547409,91'],
    ])('writes %p cents as %p', (cents, text) => {
      expect(csvEuros(cents)).toBe(text);
    });

    it('refuses a fraction of a cent', () => {
      expect(() => csvEuros(1.5)).toThrow(RangeError);
    });
  });

  describe(hoursMinutes.name, () => {
    it.each([
      [0, '0:00'],
      [20, '0:20'],
      [125, '2:05'],
      [6000, '100:00'],
      [-90, '-1:30'],
    ])('writes %p minutes as %p', (minutes, text) => {
      expect(hoursMinutes(minutes)).toBe(text);
    });
  });

  describe(toCsv.name, () => {
    it('writes a BOM, `;`-separated CRLF records that read back to the same cells', () => {
      const sut = toCsv(table);
      expect([...sut.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(sut.toString('utf8')).toContain('\r\n');
      const doc = parseCsv(sut);
      expect(doc.delimiter).toBe(';');
      expect(doc.errors).toEqual([]);
      expect(doc.records.map((r) => r.fields)).toEqual([
        ['Categorie', 'Maand', 'Boekingen', 'Uren', 'Bedrag', 'Datum'],
        ['Klussen; "groot" en\nklein', '2026-10', '3', '2:05', '1234,56', '2026-10-31'],
        ['Vervoer', '2026-11', '<5', '0:20', '-0,05', ''],
      ]);
    });

    it('writes several tables as blocks: a title line, the header and the rows, a blank line between', () => {
      const other: ReportTable = { name: 'b', title: 'Tweede; tabel', columns: [{ key: 'n', label: 'Aantal', kind: 'count' }], rows: [{ n: 7 }] };
      const text = toCsv([table, other]).toString('utf8');
      const blocks = text.replace(/^\uFEFF/, '').split('\r\n\r\n');
      expect(blocks).toHaveLength(2);
      expect(parseCsv(blocks[1]).records.map((r) => r.fields)).toEqual([['Tweede; tabel'], ['Aantal'], ['7']]);
      expect(parseCsv(blocks[0]).records[0].fields).toEqual(['Uren per categorie']);
    });

    it('refuses a count that is not whole', () => {
      expect(() => toCsv({ ...table, rows: [{ bookings: 1.5 }] })).toThrow(/bookings/);
    });
  });

  describe(toXlsx.name, () => {
    it('writes one sheet per table with a bold header, euro amounts, [h]:mm hours and widths', async () => {
      const other: ReportTable = { name: 'b', title: 'Tweede/tabel', columns: [{ key: 'n', label: 'Aantal', kind: 'count' }], rows: [{ n: 7 }] };
      const workbook = new Workbook();
      await workbook.xlsx.load((await toXlsx([table, other])) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Uren per categorie', 'Tweede-tabel']);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).values).toEqual([undefined, 'Categorie', 'Maand', 'Boekingen', 'Uren', 'Bedrag', 'Datum']);
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.getCell('A2').value).toBe('Klussen; "groot" en\nklein');
      expect(sheet.getCell('C2').value).toBe(3);
      expect(sheet.getCell('C3').value).toBe('<5');
      // exceljs reads a time-formatted number back as a moment after Excel's epoch (1899-12-30).
      expect((sheet.getCell('D2').value as Date).getTime() - Date.UTC(1899, 11, 30)).toBe(125 * 60_000);
      expect(sheet.getCell('D2').numFmt).toBe('[h]:mm');
      expect(sheet.getCell('E2').value).toBe(1234.56);
      expect(sheet.getCell('E3').value).toBe(-0.05);
      expect(sheet.getCell('E2').numFmt).toContain('€');
      expect(sheet.getCell('F2').value).toEqual(new Date('2026-10-31T00:00:00Z'));
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('Klussen; "groot" en\nklein'.length);
      expect(workbook.worksheets[1].getCell('A2').value).toBe(7);
    });
  });

  describe(reportResponse.name, () => {
    it('returns the JSON as it is by default and for format=json, without building the tables', async () => {
      const tables = jest.fn(() => [table]);
      await expect(reportResponse(undefined, 'x', { a: 1 }, tables)).resolves.toEqual({ a: 1 });
      await expect(reportResponse('json', 'x', { a: 1 }, tables)).resolves.toEqual({ a: 1 });
      expect(tables).not.toHaveBeenCalled();
    });

    it('names the download and sets its content type', async () => {
      const file = (await reportResponse('csv', 'bestuur 2026/10', {}, () => [table])) as { getHeaders(): Record<string, unknown> };
      expect(file.getHeaders()).toMatchObject({ type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="bestuur-2026-10.csv"' });
      const xlsx = (await reportResponse('xlsx', 'bestuur', {}, () => [table])) as { getHeaders(): Record<string, unknown> };
      expect(xlsx.getHeaders()).toMatchObject({ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: 'attachment; filename="bestuur.xlsx"' });
    });
  });
});
