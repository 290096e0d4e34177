import { SchemaPart } from '@buurtcoop/core';
import { Account } from './ledger/entities/account.entity';
import { JournalEntry, JournalLine } from './ledger/entities/journal-entry.entity';
import { LedgerClosing } from './ledger/entities/closed-period.entity';
import { Invoice, InvoiceCounter, InvoiceLine, InvoicePaymentRecord } from './invoices/entities/invoice.entity';
import { DuesPlan, DuesRun } from './dues/entities/dues.entity';
import { FINANCE_MIGRATIONS } from './migrations';

export const FINANCE_SCHEMA: SchemaPart = {
  entities: [Account, JournalEntry, JournalLine, LedgerClosing, Invoice, InvoiceLine, InvoicePaymentRecord, InvoiceCounter, DuesPlan, DuesRun],
  migrations: FINANCE_MIGRATIONS,
};
