import { extractPdfText } from '@buurtcoop/testing';
import { renderGiftLetterPdf, renderGiftOverviewPdf } from './donation-letters';

const cooperative = { name: 'Buurtcoöperatie Rivierenwijk', street: 'Brink 1', postcode: '7411 BR', city: 'Deventer', kvkNumber: '12345678', iban: 'NL91ABNA0417164300', email: 'info@rivierenwijk.example' };
const addressee = { name: 'Mien ter Horst', street: 'Hoge Hondstraat 41', postcode: '7412 BD', city: 'Deventer' };
const text = async (pdf: Promise<Buffer>) => extractPdfText(await pdf).all;

describe(renderGiftLetterPdf.name, () => {
  it('thanks for the gift without an earmark paragraph when there is none', async () => {
    const sut = await text(renderGiftLetterPdf({ cooperative, addressee, salutationName: 'Mien ter Horst', letterDate: '2027-03-20', receivedOn: '2027-03-14', amountCents: 2_500, fund: null }, { compress: false }));
    expect(sut).toContain('Beste Mien ter Horst,');
    expect(sut).toContain('Hartelijk dank voor uw gift van € 25,00, die wij op 14 maart 2027');
    expect(sut).not.toContain('U gaf deze gift voor');
    expect(sut).toContain('De penningmeester');
  });
});

describe(renderGiftOverviewPdf.name, () => {
  it('lists a year of weekly gifts over several pages and totals them', async () => {
    const gifts = Array.from({ length: 52 }, (_, n) => ({ receivedOn: `2027-${String(Math.floor(n / 5) + 1).padStart(2, '0')}-${String((n % 5) * 5 + 1).padStart(2, '0')}`, amountCents: 500 + n, channel: 'bank_transfer', fundName: null }));
    const pdf = await renderGiftOverviewPdf({ cooperative, addressee, letterDate: '2028-01-10', year: 2027, gifts }, { compress: false });
    const sut = extractPdfText(pdf);
    // 52 × 500 + (0 + 1 + … + 51) cents
    expect(sut.all).toContain('€ 273,26');
    expect(sut.pages.length).toBeGreaterThan(1);
    expect(sut.all).toContain('Giftenoverzicht 2027');
  });

  it('says so when nothing was given that year', async () => {
    expect(await text(renderGiftOverviewPdf({ cooperative, addressee, letterDate: '2028-01-10', year: 2027, gifts: [] }, { compress: false }))).toContain('Wij hebben in 2027 geen giften van u ontvangen.');
  });
});
