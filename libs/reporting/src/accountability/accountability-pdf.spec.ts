import { extractPdfText } from '@buurtcoop/testing';
import { ReportTable } from '../report-table';
import { chartBars, renderAccountabilityPdf } from './accountability-pdf';

const tables: ReportTable[] = [
  {
    name: 'uitvoer-per-maand',
    title: 'Uren en bewoners per maand',
    columns: [
      { key: 'month', label: 'Maand', kind: 'month' },
      { key: 'residents', label: 'Bewoners', kind: 'count' },
      { key: 'minutes', label: 'Minuten', kind: 'minutes' },
    ],
    rows: [
      { month: '2027-03', residents: 7, minutes: 605 },
      { month: '2027-04', residents: '<5', minutes: null },
      { month: 'Totaal', residents: 9, minutes: 745 },
    ],
  },
  {
    name: 'uitvoer-per-dienstcategorie',
    title: 'Uren en bewoners per dienstcategorie',
    columns: [
      { key: 'category', label: 'Dienstcategorie', kind: 'text' },
      { key: 'residents', label: 'Bewoners', kind: 'count' },
    ],
    rows: [
      { category: 'Klussen', residents: 7 },
      { category: 'Tuin', residents: '<5' },
      { category: 'Totaal', residents: 9 },
    ],
  },
];

describe(renderAccountabilityPdf.name, () => {
  it('charts hours per month and residents per category, a hidden value as "<5" without a length', () => {
    const sut = chartBars(tables);
    expect(sut.hoursPerMonth).toEqual([
      { label: '2027-03', value: 605, text: '10:05 u' },
      { label: '2027-04', value: '<5', text: '<5' },
    ]);
    expect(sut.residentsPerCategory).toEqual([
      { label: 'Klussen', value: 7, text: '7' },
      { label: 'Tuin', value: '<5', text: '<5' },
    ]);
  });

  it('prints title, cooperative, kenmerk, period, narrative, charts and tables', async () => {
    const pdf = await renderAccountabilityPdf(
      {
        cooperativeName: 'Buurtcoöperatie Zandweerd',
        agreementReference: 'Z/27/123456',
        periodFrom: '2027-01-01',
        periodThrough: '2027-12-31',
        version: 4,
        status: 'ingediend',
        createdOn: '2028-01-15',
        narrative: { samenvatting: 'Wij hielpen de wijk.', activiteiten: 'Klussen en tuinonderhoud.', bereik: '', financien: 'Binnen de begroting.', vooruitblik: 'Meer vrijwilligers.' },
        tables,
      },
      { compress: false },
    );
    const { all } = extractPdfText(pdf);
    for (const text of ['Buurtcoöperatie Zandweerd', 'Verantwoording Z/27/123456', '1 januari 2027 t/m 31 december 2027', 'Samenvatting', 'Wij hielpen de wijk.', 'Vooruitblik', 'Meer vrijwilligers.', 'Geleverde uren per maand', '10:05 u', 'Geholpen bewoners per dienstcategorie', 'Uren en bewoners per maand', 'pagina 1 van']) {
      expect({ text, found: all.includes(text) }).toEqual({ text, found: true });
    }
    expect(all.match(/<5/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
