import { compareVersions } from './compare';

const narrative = (samenvatting: string, bereik = '') => ({ samenvatting, activiteiten: 'Klussen en tuin', bereik, financien: '', vooruitblik: '' });

describe(compareVersions.name, () => {
  it('names the changed sections and every changed figure by path, leaving out the tables', () => {
    const sut = compareVersions(
      { version: 1, narrative: narrative('Eerste opzet'), figures: { spending: { spentCents: 100 }, outputs: { byMonth: [{ residents: '<5' }] }, tables: [{ rows: [1] }] } },
      { version: 3, narrative: narrative('Eerste opzet', 'Tien bewoners'), figures: { spending: { spentCents: 250 }, outputs: { byMonth: [{ residents: '<5' }, { residents: 7 }] }, tables: [{ rows: [2] }] } },
    );
    expect(sut).toEqual({
      from: 1,
      to: 3,
      narrative: [{ section: 'bereik', from: '', to: 'Tien bewoners' }],
      figures: [
        { path: 'spending.spentCents', from: 100, to: 250 },
        { path: 'outputs.byMonth[1].residents', from: null, to: 7 },
      ],
    });
  });
});
