import { Hash, createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId, addDays, normalizeIban } from '@buurtcoop/core';
import { BankStatement } from './entities/bank-statement.entity';
import { parseStatementFile } from './parsers/detect';
import { StatementEntry, StatementIssue, StatementStart } from './parsers/parsed-statement';
import { NewLine, StatementsRepository } from './statements.repository';
import { StatementError, StatementErrorCode } from './statements.errors';

/** Lines written per statement: memory stays flat however long the file is. */
const CHUNK = 1000;

export interface ImportedStatement {
  statement: BankStatement;
  /** Ids of the lines this import added (lines imported before are not repeated). */
  newLineIds: string[];
  /** When the balances do not follow on from the previous statement: the days whose lines are missing. */
  gap: { from: string; through: string; missingCents: number } | null;
}

export interface ImportOutcome {
  statements: ImportedStatement[];
  lineCount: number;
  newLineCount: number;
  /** The cooperative imported this very file for the same account before: nothing was written, `statements` are the earlier import's. */
  duplicate: boolean;
}

/** Passes the file's chunks on and hashes them on the way. */
async function* hashing(input: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * The key that makes re-importing harmless: what the bank says about the line (its reference, date, amount,
 * counterparty, end-to-end id, text) and how many identical lines came before it in the file. The bank's
 * reference alone will not do: real exports repeat it, or write NOTPROVIDED. Identical lines can only be on
 * one day, and any export of that day holds all of them, so an overlapping file numbers them the same way.
 */
function dedupeKey(entry: StatementEntry, seen: Map<string, number>): string {
  const content = createHash('sha256')
    .update([entry.bankReference ?? '', entry.bookingDate, entry.amountCents, entry.counterpartyIban ?? '', entry.endToEndId ?? '', entry.remittance ?? '', entry.batchRef ?? ''].join('|'))
    .digest('base64url');
  const n = (seen.get(content) ?? 0) + 1;
  seen.set(content, n);
  return `${content}:${n}`;
}

/**
 * Imports a bank statement file of any supported format, streaming: lines are written per chunk of a
 * thousand, each once (a repeated or overlapping import adds nothing), and every statement in the file
 * is checked: opening + lines = closing, and its opening against the previous statement's closing.
 * The same file again (by the SHA-256 of its bytes) is recognised and leaves nothing behind; the hash is
 * only known once the file has streamed past, so the import is written behind a savepoint and taken back.
 * Runs in the caller's transaction, so a file that cannot be read leaves nothing behind.
 */
@Injectable()
export class StatementImportService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(cooperativeId: CooperativeId, input: AsyncIterable<Buffer>, options: { fileName: string | null; importedBy: string | null; accountIban?: string; onProgress?: (lines: number) => void }): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { statements: [], lineCount: 0, newLineCount: 0, duplicate: false };
    const hash = createHash('sha256');
    const file = hashing(input, hash);
    let current: { start: StatementStart; statement: BankStatement; pending: NewLine[]; newIds: string[]; total: number; count: number; first: string | null; last: string | null; issues: StatementIssue[]; seen: Map<string, number> } | null = null;
    const looseIssues: StatementIssue[] = [];

    const flush = async () => {
      if (!current || current.pending.length === 0) return;
      current.newIds.push(...(await this.statements.insertLines(cooperativeId, current.statement.bankAccountId, current.statement.id, current.pending)));
      current.pending = [];
      options.onProgress?.(outcome.lineCount);
    };

    await this.statements.beginImport();
    try {
      for await (const item of parseStatementFile(file)) {
        if (item.kind === 'statement') {
          const named = item.accountIban ?? options.accountIban;
          if (!named) throw new StatementError(StatementErrorCode.NoAccount, 'The file does not say which account it is of as an IBAN; name the account (account=NL…)', 'account');
          if (item.accountIban && options.accountIban && normalizeIban(item.accountIban) !== normalizeIban(options.accountIban)) {
            throw new StatementError(StatementErrorCode.NoAccount, `The file is of account ${item.accountIban}, not of ${options.accountIban}`, 'account');
          }
          const iban = normalizeIban(named);
          const account = await this.statements.account(cooperativeId, iban, `Rekening ${iban}`);
          const statement = await this.statements.insertStatement(cooperativeId, {
            bankAccountId: account.id,
            format: item.format,
            fileName: options.fileName,
            statementRef: item.statementId,
            openingDate: item.opening?.date ?? null,
            openingCents: item.opening?.amountCents ?? null,
            closingDate: null,
            closingCents: null,
            firstBookingDate: null,
            lastBookingDate: null,
            lineCount: 0,
            newLineCount: 0,
            totalCents: 0,
            balanced: null,
            issues: [],
            importedBy: options.importedBy,
          });
          current = { start: item, statement, pending: [], newIds: [], total: 0, count: 0, first: null, last: null, issues: [...looseIssues.splice(0)], seen: new Map() };
        } else if (item.kind === 'entry') {
          if (!current) throw new StatementError(StatementErrorCode.Unreadable, 'The file has lines before any statement header', 'file');
          current.pending.push({ ...item, dedupeKey: dedupeKey(item, current.seen) });
          current.total += item.amountCents;
          current.count++;
          outcome.lineCount++;
          if (!current.first || item.bookingDate < current.first) current.first = item.bookingDate;
          if (!current.last || item.bookingDate > current.last) current.last = item.bookingDate;
          if (current.pending.length >= CHUNK) await flush();
        } else if (item.kind === 'issue') {
          (current ? current.issues : looseIssues).push(item);
        } else if (current) {
          await flush();
          outcome.statements.push(await this.finish(cooperativeId, current, item.closing));
          outcome.newLineCount += current.newIds.length;
          current = null;
        }
      }
      // A reader that stops at the last statement leaves bytes unread; the hash is of the whole file.
      for await (const rest of file) void rest;
    } catch (error) {
      if (error instanceof StatementError) throw error;
      // The parsers throw plain errors for a file that is not what it claims to be: the client's doing.
      throw new StatementError(StatementErrorCode.Unreadable, `The file could not be read as a bank statement: ${(error as Error).message}`, 'file');
    }
    if (current) throw new StatementError(StatementErrorCode.Unreadable, 'The file ends in the middle of a statement', 'file');
    if (outcome.statements.length === 0) throw new StatementError(StatementErrorCode.Unreadable, 'The file holds no statement', 'file');
    const claim = await this.statements.claimFile(cooperativeId, hash.digest('hex'), outcome.statements.map((s) => s.statement));
    if (!claim.claimed) {
      return { statements: claim.existing.map((statement) => ({ statement, newLineIds: [], gap: null })), lineCount: outcome.lineCount, newLineCount: 0, duplicate: true };
    }
    await this.audit.record({
      action: 'bank_statement.import',
      objectType: 'bank_statement',
      objectId: outcome.statements[0].statement.id,
      details: { fileName: options.fileName, statements: outcome.statements.length, lines: outcome.lineCount, newLines: outcome.newLineCount },
    });
    return outcome;
  }

  private async finish(
    cooperativeId: CooperativeId,
    s: { start: StatementStart; statement: BankStatement; newIds: string[]; total: number; count: number; first: string | null; last: string | null; issues: StatementIssue[] },
    closing: { date: string; amountCents: number } | null,
  ): Promise<ImportedStatement> {
    const opening = s.start.opening;
    const balanced = opening && closing ? opening.amountCents + s.total === closing.amountCents : null;
    const issues = s.issues.map(({ at, problem, skipped }) => ({ at, problem, skipped }));
    if (balanced === false) {
      issues.push({ at: 'statement', problem: `Opening balance ${opening?.amountCents} + lines ${s.total} does not equal the closing balance ${closing?.amountCents} (cents): lines are missing or were skipped`, skipped: false });
    }
    await this.statements.updateStatement(cooperativeId, s.statement.id, {
      closingDate: closing?.date ?? null,
      closingCents: closing?.amountCents ?? null,
      firstBookingDate: s.first,
      lastBookingDate: s.last,
      lineCount: s.count,
      newLineCount: s.newIds.length,
      totalCents: s.total,
      balanced,
      issues,
    });
    const statement = (await this.statements.statement(cooperativeId, s.statement.id)) as BankStatement;
    return { statement, newLineIds: s.newIds, gap: await this.gap(cooperativeId, statement) };
  }

  /** A previous statement whose closing balance is not this one's opening balance: the days in between are missing. */
  private async gap(cooperativeId: CooperativeId, statement: BankStatement): Promise<ImportedStatement['gap']> {
    if (statement.openingCents === null || !statement.openingDate) return null;
    const previous = await this.statements.previous(cooperativeId, statement.bankAccountId, statement.openingDate, statement.id);
    if (!previous || previous.closingCents === null || previous.closingCents === statement.openingCents) return null;
    return { from: addDays(previous.closingDate as string, 1), through: addDays(statement.firstBookingDate ?? statement.openingDate, -1), missingCents: statement.openingCents - previous.closingCents };
  }
}
