import { renderMail } from '@buurtcoop/core';
import { DUNNING_NOTICE, DUNNING_REMINDER, DunningMailParams } from './dunning-mail';

const params: DunningMailParams = {
  name: 'Anna Smit',
  invoices: [
    { invoiceNumber: '2027-000012', openCents: 4_500 },
    { invoiceNumber: '2027-000031', openCents: 2_000 },
  ],
  totalOpenCents: 6_500,
  collectionCostsCents: 4_000,
  payBy: '2027-04-06',
  portalUrl: 'https://rivierenwijk.example/',
};

describe('Dunning mail', () => {
  it('writes the reminder in Dutch, with the amounts and the date as a Dutch reader expects them', () => {
    const sut = renderMail(DUNNING_REMINDER, params, 'nl');
    expect(sut.subject).toBe('Herinnering: openstaande factuur');
    expect(sut.body).toContain('Beste Anna Smit,');
    expect(sut.body).toContain('€ 65,00 uiterlijk dinsdag 6 april 2027 overmaken');
    expect(sut.body).toContain('  2027-000012  € 45,00\n  2027-000031  € 20,00');
    expect(sut.body).not.toMatch(/Dear|Kind regards/);
  });

  it('writes the 14-day letter in English for a member who reads English, collection costs included', () => {
    const sut = renderMail(DUNNING_NOTICE, params, 'en');
    expect(sut.subject).toBe('Final notice: payment within 14 days');
    expect(sut.body).toContain('Dear Anna Smit,');
    expect(sut.body).toContain('by Tuesday 6 April 2027 at the latest');
    expect(sut.body).toContain('collection costs of €40.00');
    expect(sut.body).not.toMatch(/Beste|Met vriendelijke groet/);
  });

  it('addresses a member without a name on the invoice as a member', () => {
    expect(renderMail(DUNNING_REMINDER, { ...params, name: null }, 'nl').body).toMatch(/^Beste lid,/);
    expect(renderMail(DUNNING_REMINDER, { ...params, name: null }, 'en').body).toMatch(/^Dear member,/);
  });
});
