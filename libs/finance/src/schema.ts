import { SchemaPart } from '@buurtcoop/core';
import { Account } from './ledger/entities/account.entity';
import { JournalEntry, JournalLine } from './ledger/entities/journal-entry.entity';
import { LedgerClosing } from './ledger/entities/closed-period.entity';
import { SepaSettings } from './sepa/entities/sepa-settings.entity';
import { SepaMandate } from './sepa/entities/sepa-mandate.entity';
import { SepaMandateAmendment } from './sepa/entities/sepa-mandate-amendment.entity';
import { FINANCE_MIGRATIONS } from './migrations';

export const FINANCE_SCHEMA: SchemaPart = {
  entities: [Account, JournalEntry, JournalLine, LedgerClosing, SepaSettings, SepaMandate, SepaMandateAmendment],
  migrations: FINANCE_MIGRATIONS,
};
