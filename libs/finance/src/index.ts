export * from './schema';
export * from './finance.module';
export * from './ledger/ledger.service';
export * from './ledger/chart';
export * from './sepa/pain008';
