export * from './schema';
export * from './finance.module';
export * from './ledger/ledger.service';
export * from './ledger/chart';
export * from './sepa/pain008';
export * from './sepa/sepa-settings.service';
export * from './sepa/sepa-mandates.service';
export * from './sepa/sequence-type';
