export * from './schema';
export * from './finance.module';
export * from './ledger/ledger.service';
export * from './ledger/chart';
export * from './invoices/invoices.service';
export * from './invoices/exchange-invoicing';
export * from './dues/dues.service';
export * from './dues/period';
export type { Invoice, InvoiceKind, InvoiceStatus, DunningStage, PaymentMethod } from './invoices/entities/invoice.entity';
