import { SchemaPart } from '@buurtcoop/core';
import { Account } from './ledger/entities/account.entity';
import { JournalEntry, JournalLine } from './ledger/entities/journal-entry.entity';
import { LedgerClosing } from './ledger/entities/closed-period.entity';
import { Invoice, InvoiceCounter, InvoiceLine, InvoicePaymentRecord } from './invoices/entities/invoice.entity';
import { DuesPlan, DuesRun } from './dues/entities/dues.entity';
import { StripeAccount } from './stripe/entities/stripe-account.entity';
import { StripeEvent } from './stripe/entities/stripe-event.entity';
import { StripePayment } from './stripe/entities/stripe-payment.entity';
import { SepaSettings } from './sepa/entities/sepa-settings.entity';
import { SepaMandate } from './sepa/entities/sepa-mandate.entity';
import { SepaMandateAmendment } from './sepa/entities/sepa-mandate-amendment.entity';
import { PaymentNotice } from './dunning/entities/payment-notice.entity';
import { SepaCollectionBatch, SepaCollectionItem } from './sepa/entities/sepa-collection-batch.entity';
import { BankAccount, BankStatement, StatementLine } from './statements/entities/bank-statement.entity';
import { Fund, FundAttribution, FundAttributionRule, FundBudgetLine, FundCommitment } from './funds/entities/fund.entity';
import { Allowance, AllowanceCaps, AllowanceMemberYear } from './allowances/entities/allowance.entity';
import { Donation, DonationPledge, Donor } from './donations/entities/donation.entity';
import { FundingReport, FundingTranche } from './funding/entities/funding-schedule.entity';
import { Grant } from './grants/entities/grant.entity';
import { CoFinanceAgreement, CoFinanceTarget } from './agreements/entities/co-finance-agreement.entity';
import { FINANCE_MIGRATIONS } from './migrations';

export const FINANCE_SCHEMA: SchemaPart = {
  entities: [
    Account,
    JournalEntry,
    JournalLine,
    LedgerClosing,
    Invoice,
    InvoiceLine,
    InvoicePaymentRecord,
    InvoiceCounter,
    DuesPlan,
    DuesRun,
    StripeAccount,
    StripeEvent,
    StripePayment,
    SepaSettings,
    SepaMandate,
    SepaMandateAmendment,
    PaymentNotice,
    BankAccount,
    BankStatement,
    StatementLine,
    SepaCollectionBatch,
    SepaCollectionItem,
    Fund,
    FundBudgetLine,
    FundAttributionRule,
    FundAttribution,
    FundCommitment,
    AllowanceCaps,
    AllowanceMemberYear,
    Allowance,
    Donor,
    DonationPledge,
    Donation,
    Grant,
    CoFinanceAgreement,
    CoFinanceTarget,
    FundingTranche,
    FundingReport,
  ],
  migrations: FINANCE_MIGRATIONS,
};
