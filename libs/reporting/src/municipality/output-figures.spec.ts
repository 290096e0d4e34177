import type { OutputFiguresRow, OutputLevel } from '@buurtcoop/exchange';
import { buildOutputFigures, sharePercent } from './output-figures';

const row = (level: OutputLevel, key: { code?: string; month?: string; postcode4?: number }, residents: number, minutes: number, flags: Partial<OutputFiguresRow['categories']> & { vulnerable?: number } = {}): OutputFiguresRow => ({
  level,
  categoryCode: key.code ?? null,
  categoryName: key.code ? key.code.toUpperCase() : null,
  month: key.month ?? null,
  postcode4: key.postcode4 ?? null,
  minutes,
  residents,
  vulnerable: flags.vulnerable ?? 0,
  categories: { age_65_plus: flags.age_65_plus ?? 0, minimum_income: flags.minimum_income ?? 0, disability: flags.disability ?? 0, informal_carer: flags.informal_carer ?? 0 },
});

describe(buildOutputFigures.name, () => {
  it('shows cells of five or more residents with their minutes and shares', () => {
    const sut = buildOutputFigures([row('total', {}, 8, 600, { vulnerable: 6, age_65_plus: 5 }), row('category', { code: 'a' }, 8, 600, { vulnerable: 6, age_65_plus: 5 })]);
    expect(sut.total).toMatchObject({ residents: 8, deliveredMinutes: 600, suppressed: false, vulnerable: { residents: 6, sharePercent: 75 }, categories: { age_65_plus: { residents: 5, sharePercent: 63 } } });
    expect(sut.byServiceCategory[0]).toMatchObject({ code: 'a', name: 'A', residents: 8 });
  });

  it('hides a small category and the smallest other one, never the total alone', () => {
    const sut = buildOutputFigures([
      row('total', {}, 20, 1000),
      row('category', { code: 'a' }, 12, 500),
      row('category', { code: 'b' }, 6, 300),
      row('category', { code: 'c' }, 2, 200),
      row('month', { month: '2027-01' }, 20, 1000),
    ]);
    expect(sut.byServiceCategory.map((c) => [c.code, c.residents, c.deliveredMinutes])).toEqual([
      ['a', 12, 500],
      ['b', 'x', null],
      ['c', '<5', null],
    ]);
    expect(sut.total.residents).toBe(20);
  });

  it('hides the total when it would betray a hidden cell, and then protects it in every other dimension', () => {
    const sut = buildOutputFigures([
      row('total', {}, 7, 700),
      row('category', { code: 'a' }, 3, 300),
      row('category', { code: 'b' }, 0, 0),
      row('month', { month: '2027-01' }, 5, 400),
      row('month', { month: '2027-02' }, 6, 300),
    ]);
    // a is the only cell with residents in its set: the total is the smallest other figure.
    expect(sut.total.residents).toBe('x');
    expect(sut.byMonth.filter((m) => m.suppressed)).toHaveLength(1);
    expect(sut.byMonth.find((m) => m.suppressed)!.month).toBe('2027-01');
  });

  it('hides the vulnerability counts of a hidden cell and of fewer than five, with a second one in the set', () => {
    const sut = buildOutputFigures([
      row('total', {}, 15, 900, { vulnerable: 9, age_65_plus: 9 }),
      row('postcode', { postcode4: 7411 }, 6, 300, { vulnerable: 6, age_65_plus: 6 }),
      row('postcode', { postcode4: 7412 }, 6, 300, { vulnerable: 3, age_65_plus: 3 }),
      row('postcode', {}, 3, 300),
    ]);
    const [p7411, p7412, unknown] = sut.byPostcode;
    // A hidden cell hides its category counts too, even a count of nobody.
    expect(unknown).toMatchObject({ postcode4: null, residents: '<5', deliveredMinutes: null, vulnerable: { residents: '<5', sharePercent: null } });
    expect(p7412.vulnerable).toEqual({ residents: '<5', sharePercent: null });
    expect(p7411.vulnerable).toEqual({ residents: 'x', sharePercent: null });
    expect(p7411.residents).toBe('x');
    expect(sut.total.vulnerable).toEqual({ residents: 9, sharePercent: 60 });
  });

  it('returns empty outputs for a period without bookings', () => {
    expect(buildOutputFigures([])).toMatchObject({ total: { residents: 0, deliveredMinutes: 0, suppressed: false }, byServiceCategory: [], byMonth: [], byPostcode: [] });
  });
});

describe(sharePercent.name, () => {
  it('rounds half up in whole percent', () => {
    expect([sharePercent(1, 8), sharePercent(7, 8), sharePercent(1, 3), sharePercent(2, 3), sharePercent(5, 5)]).toEqual([13, 88, 33, 67, 100]);
  });
});
