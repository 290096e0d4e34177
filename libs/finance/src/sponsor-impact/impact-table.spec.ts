import type { AreaHoursRow } from '@buurtcoop/exchange';
import { buildImpactTable } from './impact-table';

const row = (categoryCode: string | null, postcode4: number | null, households: number, minutes: number): AreaHoursRow => ({
  categoryCode,
  categoryName: categoryCode && categoryCode.toUpperCase(),
  postcode4,
  households,
  minutes,
});

describe(buildImpactTable.name, () => {
  it('shows every figure of five households or more', () => {
    const sut = buildImpactTable([row('a', 7411, 6, 600), row('a', 7412, 5, 300), row('a', null, 11, 900), row(null, 7411, 6, 600), row(null, 7412, 5, 300), row(null, null, 11, 900)]);
    expect(sut.total).toEqual({ households: 11, deliveredMinutes: 900, suppressed: false });
    expect(sut.categories).toEqual([
      {
        category: 'A',
        total: { households: 11, deliveredMinutes: 900, suppressed: false },
        postcodes: [
          { postcode4: 7411, households: 6, deliveredMinutes: 600, suppressed: false },
          { postcode4: 7412, households: 5, deliveredMinutes: 300, suppressed: false },
        ],
      },
    ]);
  });

  it('hides a small cell, and enough others that no sum gives it away', () => {
    // A: 6 households in 7411, 5 in 7412; B: 3 in 7413.
    const sut = buildImpactTable([
      row('a', 7411, 6, 600), row('a', 7412, 5, 300), row('b', 7413, 3, 180),
      row('a', null, 11, 900), row('b', null, 3, 180),
      row(null, 7411, 6, 600), row(null, 7412, 5, 300), row(null, 7413, 3, 180),
      row(null, null, 14, 1080),
    ]);
    const [a, b] = sut.categories;
    expect(b.total).toEqual({ households: '<5', deliveredMinutes: null, suppressed: true });
    expect(b.postcodes.find((p) => p.postcode4 === 7413)).toMatchObject({ households: '<5', deliveredMinutes: null });
    // The category totals sum to the grand total, so A's total goes too; A's cells then sum to a hidden total.
    expect(a.total).toMatchObject({ households: 'x', suppressed: true });
    expect(a.postcodes.filter((p) => p.suppressed).map((p) => p.postcode4)).toEqual([7412]);
    expect(sut.postcodeTotals.map((p) => [p.postcode4, p.suppressed])).toEqual([[7411, false], [7412, true], [7413, true]]);
    // Whatever is shown, the grand total minus the shown figures of any sum never equals B's 180 minutes.
    const shownCells = [...a.postcodes, ...b.postcodes].reduce((sum, p) => sum + (p.deliveredMinutes ?? 0), 0);
    expect(sut.total.deliveredMinutes! - shownCells).not.toBe(180);
  });

  it('hides everything when the whole area has fewer than five households', () => {
    const sut = buildImpactTable([row('a', 7411, 2, 60), row('a', null, 2, 60), row(null, 7411, 2, 60), row(null, null, 2, 60)]);
    expect(sut.total).toEqual({ households: '<5', deliveredMinutes: null, suppressed: true });
    expect(sut.categories[0].postcodes[0].suppressed).toBe(true);
  });

  it('gives an empty table for an area without delivered hours', () => {
    expect(buildImpactTable([row(null, null, 0, 0)])).toEqual({ categories: [], postcodeTotals: [], total: { households: 0, deliveredMinutes: 0, suppressed: false } });
  });
});
