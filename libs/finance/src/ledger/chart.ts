import { AccountType } from './entities/account.entity';

/** A small Dutch association's chart of accounts; the product posts to these by code. */
export const CHART: ReadonlyArray<{ code: string; name: string; type: AccountType }> = [
  { code: '0500', name: 'Algemene reserve', type: 'equity' },
  { code: '0900', name: 'Bestemmingsfondsen (geoormerkt)', type: 'liability' },
  { code: '1100', name: 'Bank', type: 'asset' },
  { code: '1150', name: 'Tussenrekening Stripe', type: 'asset' },
  { code: '1300', name: 'Debiteuren leden', type: 'asset' },
  { code: '1400', name: 'Te ontvangen subsidies en bijdragen', type: 'asset' },
  { code: '1600', name: 'Crediteuren aanbieders', type: 'liability' },
  { code: '1700', name: 'Terug te betalen subsidies', type: 'liability' },
  { code: '4000', name: 'Vrijwilligersvergoedingen', type: 'expense' },
  { code: '4100', name: 'Materialen', type: 'expense' },
  { code: '4200', name: 'Betaalkosten', type: 'expense' },
  { code: '4300', name: 'Coördinatiekosten', type: 'expense' },
  { code: '4400', name: 'Tariefkorting minima', type: 'expense' },
  { code: '8000', name: 'Contributies', type: 'income' },
  { code: '8100', name: 'Eigen bijdragen', type: 'income' },
  { code: '8200', name: 'Giften', type: 'income' },
  { code: '8300', name: 'Subsidies fondsen', type: 'income' },
  { code: '8400', name: 'Cofinanciering gemeente', type: 'income' },
];
