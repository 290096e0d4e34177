import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, addDays, dutchDate } from '@buurtcoop/core';
import { Account, AccountType } from './entities/account.entity';
import { JournalEntry, JournalLine } from './entities/journal-entry.entity';
import { LedgerError, LedgerErrorCode } from './ledger.errors';
import { FundsRepository } from '../funds/funds.repository';
import { LedgerRepository, NewLine, TrialBalanceRow } from './ledger.repository';

/** The largest amount one line may carry: a billion euros, far inside a safe integer. */
const MAX_LINE_CENTS = 100_000_000_000;
/** Where the balance shows restricted money not yet spent. */
const EARMARKED_FUNDS = '0900';

export interface Posting {
  entryDate: string;
  description: string;
  /** Unique per cooperative: a Stripe event id, a statement line, an invoice number… */
  idempotencyKey: string;
  lines: NewLine[];
}

export interface Posted {
  entry: JournalEntry;
  lines: JournalLine[];
  /** False when the key was posted before: this post was "already applied". */
  applied: boolean;
}

const sameLines = (a: NewLine[], b: JournalLine[]) => {
  const key = (l: { accountId: string; amountCents: number }) => `${l.accountId}:${l.amountCents}`;
  return a.map(key).sort().join('|') === b.map(key).sort().join('|');
};

/**
 * The double-entry ledger. Every post is balanced and append-only; the checks here give clear
 * errors, and PostgreSQL enforces the same invariants underneath (deferred balance trigger,
 * append-only triggers, unique idempotency keys).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly funds: FundsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  setUp(cooperativeId: CooperativeId): Promise<void> {
    return this.ledger.seedChart(cooperativeId);
  }

  accounts(cooperativeId: CooperativeId): Promise<Account[]> {
    return this.ledger.accounts(cooperativeId);
  }

  /** The ids of accounts by code, for code that posts to the seeded chart (1100 Bank, 1150 Stripe, …); an unknown code is an error. */
  async accountIdsByCode(cooperativeId: CooperativeId, codes: string[]): Promise<Record<string, string>> {
    const byCode = new Map((await this.ledger.accounts(cooperativeId)).map((a) => [a.code, a.id]));
    return Object.fromEntries(
      codes.map((code) => {
        const id = byCode.get(code);
        if (!id) throw new LedgerError(LedgerErrorCode.UnknownAccount, `This cooperative has no account ${code}`);
        return [code, id];
      }),
    );
  }

  async addAccount(cooperativeId: CooperativeId, account: { code: string; name: string; type: AccountType }): Promise<Account> {
    const created = await this.ledger.insertAccount(cooperativeId, account);
    if (!created) throw new LedgerError(LedgerErrorCode.AccountCodeTaken, `Account code ${account.code} is already in use`, 'code');
    await this.audit.record({ action: 'ledger.account.add', objectType: 'account', objectId: created.id, details: { code: account.code } });
    return created;
  }

  /** Posts in the caller's transaction. A key posted before with the same lines is "already applied"; with other lines, a conflict. */
  async post(cooperativeId: CooperativeId, posting: Posting, createdBy: string | null, reversesEntryId: string | null = null): Promise<Posted> {
    this.check(posting.lines);
    if ((await this.ledger.countAccounts(cooperativeId, [...new Set(posting.lines.map((l) => l.accountId))])) !== new Set(posting.lines.map((l) => l.accountId)).size) {
      throw new LedgerError(LedgerErrorCode.UnknownAccount, 'A line names an account that does not exist in this cooperative', 'lines');
    }
    const closedThrough = await this.ledger.closedThrough(cooperativeId);
    if (closedThrough && posting.entryDate <= closedThrough) {
      throw new LedgerError(LedgerErrorCode.PeriodClosed, `The books are closed through ${closedThrough}; date the entry later (a correction goes in the open period)`, 'entryDate');
    }
    // A reversal keeps the original's fund, whatever became of the fund since.
    if (!reversesEntryId) await this.checkFunds(cooperativeId, [posting]);
    const id = await this.ledger.insertEntry(cooperativeId, { ...posting, reversesEntryId, createdBy }, posting.lines);
    if (id) {
      await this.audit.record({ action: 'ledger.post', objectType: 'journal_entry', objectId: id, details: { idempotencyKey: posting.idempotencyKey } });
      return this.posted(cooperativeId, id, true);
    }
    const existing = (reversesEntryId ? await this.ledger.entryReversing(cooperativeId, reversesEntryId) : null) ?? (await this.ledger.entryByKey(cooperativeId, posting.idempotencyKey));
    if (!existing) throw new LedgerError(LedgerErrorCode.IdempotencyKeyReused, 'This entry conflicts with one posted before', 'idempotencyKey');
    const posted = await this.posted(cooperativeId, existing.id, false);
    if (!reversesEntryId && !sameLines(posting.lines, posted.lines)) {
      throw new LedgerError(LedgerErrorCode.IdempotencyKeyReused, `Idempotency key ${posting.idempotencyKey} was used for a different entry`, 'idempotencyKey');
    }
    return posted;
  }

  /**
   * Posts many entries in one go, with the same checks as `post`; keys posted before are skipped (a
   * resumed run posts only what is missing). Returns how many entries were new.
   */
  async postMany(cooperativeId: CooperativeId, postings: Posting[], createdBy: string | null): Promise<number> {
    if (postings.length === 0) return 0;
    postings.forEach((p) => this.check(p.lines));
    const accountIds = new Set(postings.flatMap((p) => p.lines.map((l) => l.accountId)));
    if ((await this.ledger.countAccounts(cooperativeId, [...accountIds])) !== accountIds.size) {
      throw new LedgerError(LedgerErrorCode.UnknownAccount, 'A line names an account that does not exist in this cooperative', 'lines');
    }
    const closedThrough = await this.ledger.closedThrough(cooperativeId);
    const early = closedThrough ? postings.find((p) => p.entryDate <= closedThrough) : undefined;
    if (early) throw new LedgerError(LedgerErrorCode.PeriodClosed, `The books are closed through ${closedThrough}; ${early.idempotencyKey} is dated ${early.entryDate}`, 'entryDate');
    await this.checkFunds(cooperativeId, postings);
    const applied = await this.ledger.insertEntries(cooperativeId, postings, createdBy);
    if (applied.length > 0) await this.audit.record({ action: 'ledger.post_many', objectType: 'ledger', objectId: cooperativeId, details: { entries: applied.length } });
    return applied.length;
  }

  /** The lines of one member on one account (e.g. 1300 Debiteuren leden): their balance with the cooperative. */
  memberBalance(cooperativeId: CooperativeId, accountId: string, memberId: string): Promise<number> {
    return this.ledger.memberBalance(cooperativeId, accountId, memberId);
  }

  /**
   * The day to book something that happened on `day`: that day, or the first day after the books' closing
   * when it falls in a closed period (what Stripe reports late still has to be booked somewhere).
   */
  async openDay(cooperativeId: CooperativeId, day: string): Promise<string> {
    const closedThrough = await this.ledger.closedThrough(cooperativeId);
    return closedThrough && day <= closedThrough ? addDays(closedThrough, 1) : day;
  }

  /** A correction: the opposite lines, linked to the original; reversing twice gives the first reversal back. */
  async reverse(cooperativeId: CooperativeId, entryId: string, createdBy: string | null, description?: string): Promise<Posted> {
    const original = await this.ledger.entry(cooperativeId, entryId);
    if (!original) throw new LedgerError(LedgerErrorCode.EntryNotFound, 'Journal entry was not found');
    const lines = await this.ledger.lines(cooperativeId, entryId);
    const today = dutchDate(this.clock.now());
    const closedThrough = await this.ledger.closedThrough(cooperativeId);
    // A reversal is dated in the open period: today, or the original's date if that is later and open.
    const entryDate = original.entryDate > today && (!closedThrough || original.entryDate > closedThrough) ? original.entryDate : today;
    return this.post(
      cooperativeId,
      {
        entryDate,
        description: description ?? `Correctie van: ${original.description}`,
        idempotencyKey: `reversal:${entryId}`,
        lines: lines.map((l) => ({ accountId: l.accountId, amountCents: -l.amountCents, memberId: l.memberId, fundId: l.fundId, bookingId: l.bookingId })),
      },
      createdBy,
      entryId,
    );
  }

  /** Whether an entry was posted under this key (e.g. a Stripe payout booked from its webhook). */
  async hasEntry(cooperativeId: CooperativeId, idempotencyKey: string): Promise<boolean> {
    return (await this.ledger.entryByKey(cooperativeId, idempotencyKey)) !== null;
  }

  /** The id of the entry posted under this key, or null. */
  async entryIdByKey(cooperativeId: CooperativeId, idempotencyKey: string): Promise<string | null> {
    return (await this.ledger.entryByKey(cooperativeId, idempotencyKey))?.id ?? null;
  }

  /** Reverses the entry posted under this key (e.g. `invoice:2027-000042`). */
  async reverseByKey(cooperativeId: CooperativeId, idempotencyKey: string, createdBy: string | null, description?: string): Promise<Posted> {
    const entry = await this.ledger.entryByKey(cooperativeId, idempotencyKey);
    if (!entry) throw new LedgerError(LedgerErrorCode.EntryNotFound, `No journal entry was posted under ${idempotencyKey}`);
    return this.reverse(cooperativeId, entry.id, createdBy, description);
  }

  async entry(cooperativeId: CooperativeId, id: string): Promise<Posted> {
    if (!(await this.ledger.entry(cooperativeId, id))) throw new LedgerError(LedgerErrorCode.EntryNotFound, 'Journal entry was not found');
    return this.posted(cooperativeId, id, false);
  }

  async closeThrough(actor: Actor, cooperativeId: CooperativeId, through: string): Promise<string> {
    if (!(await this.ledger.close(cooperativeId, through, actor.userId))) {
      throw new LedgerError(LedgerErrorCode.ClosingBackwards, `The books are already closed through ${await this.ledger.closedThrough(cooperativeId)}; a closing only moves forward`, 'through');
    }
    await this.audit.record({ action: 'ledger.close', objectType: 'ledger', objectId: cooperativeId, details: { through } });
    return through;
  }

  trialBalance(cooperativeId: CooperativeId, from: string | null, through: string): Promise<TrialBalanceRow[]> {
    return this.ledger.trialBalance(cooperativeId, from, through);
  }

  async accountLines(cooperativeId: CooperativeId, accountId: string, from: string | null, through: string) {
    if ((await this.ledger.countAccounts(cooperativeId, [accountId])) === 0) throw new LedgerError(LedgerErrorCode.AccountNotFound, 'Account was not found');
    return this.ledger.accountLines(cooperativeId, accountId, from, through);
  }

  /** Balans at `through` and staat van baten en lasten over [from, through]. */
  async statements(cooperativeId: CooperativeId, from: string, through: string) {
    if (from > through) throw new LedgerError(LedgerErrorCode.InvalidPeriod, 'from must not be after through', 'from');
    const period = await this.ledger.trialBalance(cooperativeId, from, through);
    const position = await this.ledger.trialBalance(cooperativeId, null, through);
    const sum = (rows: TrialBalanceRow[], type: AccountType, sign: 1 | -1) => rows.filter((r) => r.type === type).reduce((total, r) => total + sign * r.balanceCents, 0);
    const lines = (rows: TrialBalanceRow[], type: AccountType, sign: 1 | -1) =>
      rows.filter((r) => r.type === type && r.balanceCents !== 0).map((r) => ({ code: r.code, name: r.name, amountCents: sign * r.balanceCents }));
    const income = sum(period, 'income', -1);
    const expense = sum(period, 'expense', 1);
    // Income and expenses not yet closed into the reserve are the result so far.
    const resultToDate = sum(position, 'income', -1) - sum(position, 'expense', 1);
    // Restricted money not yet spent on its purpose is owed to it: the result is appropriated to the
    // bestemmingsfondsen, which the balance shows as a liability (resultaatbestemming).
    const restrictedFunds = await this.funds.restrictedUnspent(cooperativeId, through);
    const restrictedCents = restrictedFunds.reduce((total, f) => total + f.unspentCents, 0);
    const liabilities = lines(position, 'liability', -1);
    if (restrictedCents !== 0) {
      const earmarked = liabilities.find((l) => l.code === EARMARKED_FUNDS);
      if (earmarked) earmarked.amountCents += restrictedCents;
      else liabilities.push({ code: EARMARKED_FUNDS, name: 'Bestemmingsfondsen (geoormerkt)', amountCents: restrictedCents });
      liabilities.sort((a, b) => a.code.localeCompare(b.code));
    }
    return {
      incomeStatement: { from, through, income: lines(period, 'income', -1), expenses: lines(period, 'expense', 1), totalIncomeCents: income, totalExpenseCents: expense, resultCents: income - expense },
      balanceSheet: {
        at: through,
        assets: lines(position, 'asset', 1),
        liabilities,
        restrictedFunds,
        equity: lines(position, 'equity', -1),
        resultToDateCents: resultToDate,
        appropriatedToFundsCents: restrictedCents,
        resultAfterAppropriationCents: resultToDate - restrictedCents,
        totalAssetsCents: sum(position, 'asset', 1),
        totalLiabilitiesAndEquityCents: sum(position, 'liability', -1) + sum(position, 'equity', -1) + resultToDate,
      },
    };
  }

  /**
   * Money can be booked on a fund only while it is open, and a cost only within the fund's period. Income may
   * come earlier or later: an advance before the period starts, a settlement after it ends.
   */
  private async checkFunds(cooperativeId: CooperativeId, postings: Posting[]): Promise<void> {
    const ids = [...new Set(postings.flatMap((p) => p.lines.flatMap((l) => (l.fundId ? [l.fundId] : []))))];
    if (ids.length === 0) return;
    const funds = await this.funds.some(cooperativeId, ids);
    const expenses = new Set((await this.ledger.accounts(cooperativeId)).filter((a) => a.type === 'expense').map((a) => a.id));
    for (const posting of postings) {
      posting.lines.forEach((l, i) => {
        if (!l.fundId) return;
        const fund = funds.find((f) => f.id === l.fundId);
        const field = `lines[${i}].fundId`;
        if (!fund) throw new LedgerError(LedgerErrorCode.FundNotBookable, `${field}: no such fund`, field);
        if (fund.status !== 'open') throw new LedgerError(LedgerErrorCode.FundNotBookable, `${field}: fund ${fund.code} is closed`, field);
        if (expenses.has(l.accountId) && (posting.entryDate < fund.startsOn || posting.entryDate > fund.endsOn)) {
          throw new LedgerError(LedgerErrorCode.FundNotBookable, `${field}: fund ${fund.code} bears costs from ${fund.startsOn} to ${fund.endsOn}, not on ${posting.entryDate}`, field);
        }
      });
    }
  }

  private check(lines: NewLine[]): void {
    if (lines.length < 2) throw new LedgerError(LedgerErrorCode.TooFewLines, 'An entry needs at least two lines', 'lines');
    lines.forEach((l, i) => {
      if (!Number.isSafeInteger(l.amountCents) || l.amountCents === 0 || Math.abs(l.amountCents) > MAX_LINE_CENTS) {
        throw new LedgerError(LedgerErrorCode.AmountOutOfRange, `lines[${i}].amountCents must be a whole, non-zero number of cents`, `lines[${i}].amountCents`);
      }
    });
    const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
    if (total !== 0) throw new LedgerError(LedgerErrorCode.Unbalanced, `The lines must sum to zero (debits positive, credits negative); they sum to ${total} cents`, 'lines');
  }

  private async posted(cooperativeId: CooperativeId, id: string, applied: boolean): Promise<Posted> {
    return { entry: (await this.ledger.entry(cooperativeId, id)) as JournalEntry, lines: await this.ledger.lines(cooperativeId, id), applied };
  }
}
