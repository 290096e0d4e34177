import { Injectable } from '@nestjs/common';
import { Clock, CooperativeId, dutchDate } from '@buurtcoop/core';
import { LedgerService } from '../ledger/ledger.service';
import { BankAccount, BankStatement, LineStatus, StatementLine } from './entities/bank-statement.entity';
import { ReconciliationService, Suggestion } from './reconciliation.service';
import { ImportOutcome, StatementImportService } from './statement-import.service';
import { StatementsRepository, UnmatchedSummary } from './statements.repository';
import { StatementError, StatementErrorCode } from './statements.errors';

export interface Reconciliation {
  bankAccountId: string;
  date: string;
  statementBalanceCents: number | null;
  ledgerBalanceCents: number;
  differenceCents: number | null;
  unexplainedLines: StatementLine[];
  unexplainedCents: number;
  remainingCents: number | null;
}

/** The treasurer's bank statements: import and match in one go, the worklist, and the reconciliation per account. */
@Injectable()
export class StatementsService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly importer: StatementImportService,
    private readonly reconciliation: ReconciliationService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  /** Imports the file and explains what it can of the new lines; in the caller's transaction. */
  async importAndMatch(cooperativeId: CooperativeId, input: AsyncIterable<Buffer>, options: { fileName: string | null; importedBy: string | null; accountIban?: string; onProgress?: (lines: number) => void }) {
    const imported: ImportOutcome = await this.importer.import(cooperativeId, input, options);
    if (imported.duplicate) return { ...imported, matched: 0, unmatched: 0, byKind: {} };
    const summary = await this.reconciliation.matchAutomatically(cooperativeId, imported.statements.flatMap((s) => s.newLineIds));
    return { ...imported, ...summary };
  }

  list(cooperativeId: CooperativeId, page: { page: number; pageSize: number }): Promise<[BankStatement[], number]> {
    return this.statements.statements(cooperativeId, page);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<BankStatement> {
    const statement = await this.statements.statement(cooperativeId, id);
    if (!statement) throw new StatementError(StatementErrorCode.NotFound, 'Bank statement was not found');
    return statement;
  }

  accounts(cooperativeId: CooperativeId): Promise<BankAccount[]> {
    return this.statements.accounts(cooperativeId);
  }

  /** Lines, and for the unmatched ones the invoices they most likely pay. */
  async lines(cooperativeId: CooperativeId, filter: { status?: LineStatus; bankAccountId?: string; page: number; pageSize: number }): Promise<{ items: Array<{ line: StatementLine; suggestions?: Suggestion[] }>; total: number }> {
    const [lines, total] = await this.statements.lines(cooperativeId, filter);
    const items = [];
    for (const line of lines) items.push({ line, suggestions: line.status === 'unmatched' ? await this.reconciliation.suggestions(cooperativeId, line) : undefined });
    return { items, total };
  }

  /** For the treasurer's dashboard: how many lines wait to be explained, their net amount, the last statement's date. */
  unmatchedSummary(cooperativeId: CooperativeId): Promise<UnmatchedSummary> {
    return this.statements.unmatchedSummary(cooperativeId);
  }

  /** At the end of a day: the bank's balance by its statements against the ledger's, and the lines that explain the difference. */
  async reconcile(cooperativeId: CooperativeId, bankAccountId: string, date?: string): Promise<Reconciliation> {
    const account = await this.statements.findAccount(cooperativeId, bankAccountId);
    if (!account) throw new StatementError(StatementErrorCode.NotFound, 'Bank account was not found');
    const through = date ?? dutchDate(this.clock.now());
    const { balanceCents } = await this.statements.statementBalance(cooperativeId, bankAccountId, through);
    const ledgerBalanceCents = (await this.ledger.trialBalance(cooperativeId, null, through)).find((r) => r.code === account.ledgerAccountCode)?.balanceCents ?? 0;
    const unexplainedLines = await this.statements.unmatchedThrough(cooperativeId, bankAccountId, through);
    const unexplainedCents = unexplainedLines.reduce((sum, l) => sum + l.amountCents, 0);
    const differenceCents = balanceCents === null ? null : balanceCents - ledgerBalanceCents;
    return { bankAccountId, date: through, statementBalanceCents: balanceCents, ledgerBalanceCents, differenceCents, unexplainedLines, unexplainedCents, remainingCents: differenceCents === null ? null : differenceCents - unexplainedCents };
  }
}
