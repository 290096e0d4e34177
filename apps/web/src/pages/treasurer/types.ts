// The shapes of the finance API's answers that the treasurer pages read (see libs/finance/src/**/dto).

export interface Page<T> {
  items: T[];
  total: number;
}

export interface DuesPlan {
  id: string;
  membershipTypeId: string;
  yearlyAmountCents: number;
  reducedYearlyAmountCents: number | null;
  frequency: 'yearly' | 'quarterly' | 'monthly';
  proRata: boolean;
}

export interface MembershipType {
  id: string;
  code: string;
  name: string;
}

export interface DuesRun {
  id: string;
  period: string;
  issueDate: string;
  dueDate: string;
  status: 'running' | 'completed';
  invoiceCount: number;
  totalCents: number;
  startedAt: string;
  completedAt: string | null;
}

export interface DuesRunOutcome {
  run: DuesRun;
  resumed: boolean;
  issued: number;
}

export type BatchStatus = 'draft' | 'exported' | 'booked' | 'cancelled';

export interface CollectionItem {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  memberName: string | null;
  debtorName: string;
  iban: string;
  mandateReference: string;
  sequenceType: string;
  amountCents: number;
  endToEndId: string;
  status: 'pending' | 'collected' | 'skipped';
  skipReason: string | null;
}

export interface CollectionBatch {
  id: string;
  number: number;
  status: BatchStatus;
  collectionDate: string;
  dueThrough: string | null;
  itemCount: number;
  skippedCount: number;
  totalCents: number;
  messageId: string | null;
  painVersion: string | null;
  exportedAt: string | null;
  bookedOn: string | null;
  cancelledAt: string | null;
  createdAt: string;
  items?: CollectionItem[];
}

export interface StatementIssue {
  at: string;
  problem: string;
  skipped: boolean;
}

export interface BankStatement {
  id: string;
  bankAccountId: string;
  format: string;
  fileName: string | null;
  openingDate: string | null;
  openingCents: number | null;
  closingDate: string | null;
  closingCents: number | null;
  lineCount: number;
  newLineCount: number;
  totalCents: number;
  balanced: boolean | null;
  issues: StatementIssue[];
}

export interface ImportedStatement extends BankStatement {
  gap: { from: string; through: string; missingCents: number } | null;
}

export interface ImportResult {
  duplicate: boolean;
  statements: ImportedStatement[];
  lineCount: number;
  newLineCount: number;
  matched: number;
  unmatched: number;
  byKind: Record<string, number>;
}

export type LineStatus = 'unmatched' | 'matched' | 'dismissed';

export interface Suggestion {
  invoiceId: string;
  number: string;
  memberName: string | null;
  openCents: number;
  score: number;
  why: string[];
}

export interface StatementLine {
  id: string;
  bankAccountId: string;
  bookingDate: string;
  amountCents: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  structuredReference: string | null;
  endToEndId: string | null;
  status: LineStatus;
  matchKind: string | null;
  matchDetails: { invoices?: Array<{ number?: string; amountCents: number }>; accountCode?: string } | null;
  dismissReason: string | null;
  suggestions?: Suggestion[];
}

export interface BankAccount {
  id: string;
  iban: string;
  name: string;
  ledgerAccountCode: string;
}

export interface Reconciliation {
  bankAccountId: string;
  date: string;
  statementBalanceCents: number | null;
  ledgerBalanceCents: number;
  differenceCents: number | null;
  unexplainedCents: number;
  remainingCents: number | null;
  unexplainedLines: StatementLine[];
}

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface LedgerAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  system: boolean;
}

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

export interface StatementRow {
  code: string;
  name: string;
  amountCents: number;
}

export interface FinancialStatements {
  incomeStatement: { from: string; through: string; income: StatementRow[]; expenses: StatementRow[]; totalIncomeCents: number; totalExpenseCents: number; resultCents: number };
  balanceSheet: {
    at: string;
    assets: StatementRow[];
    liabilities: StatementRow[];
    restrictedFunds: Array<{ code: string; name: string; unspentCents: number }>;
    equity: StatementRow[];
    resultToDateCents: number;
    appropriatedToFundsCents: number;
    resultAfterAppropriationCents: number;
    totalAssetsCents: number;
    totalLiabilitiesAndEquityCents: number;
  };
}

export interface TreasurerDashboard {
  through: string;
  receivables: { invoices: number; outstandingCents: number; buckets: Array<{ bucket: string; invoices: number; outstandingCents: number }> };
  funds: Array<{ fundId: string; code: string; name: string; restricted: boolean; receivedCents: number; spentCents: number; committedCents: number; unspentCents: number; availableCents: number }>;
  cash: { bankCents: number; stripeClearingCents: number; totalCents: number };
  reconciliation: { unmatchedLines: number; unmatchedCents: number; lastStatementDate: string | null };
}
