import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, dutchDate } from '@buurtcoop/core';
import { LedgerService, Posting } from '../ledger/ledger.service';
import { Fund, FundAttributionRule, FundCommitment, FundStatus } from './entities/fund.entity';
import { FundsError, FundsErrorCode } from './funds.errors';
import { AttributableLine, BudgetRow, FundChanges, FundFigure, FundFigures, FundLine, FundsRepository, NewFund } from './funds.repository';

export type { NewFund, FundFigure } from './funds.repository';

export interface FundReport {
  fund: Fund;
  from: string;
  through: string;
  figures: FundFigures & {
    /** Opening + received − spent: what the fund holds at `through`. */
    unspentCents: number;
    /** Unspent minus committed: what can still be promised. */
    availableCents: number;
  };
  budget: Array<BudgetRow & { remainingCents: number }>;
}

export interface AttributionOutcome {
  attributions: number;
  totalCents: number;
}

const attributionKey = (lineId: string, fundId: string) => `fund-attribution:${lineId}:${fundId}`;

/**
 * Earmarked money: funds, their budgets, the costs attributed to them (by rule per cost account or by
 * hand) and what they have promised. Income and costs reach a fund as the fund dimension of ledger lines,
 * so every figure can be traced to the entries behind it.
 */
@Injectable()
export class FundsService {
  constructor(
    private readonly funds: FundsRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Opens a fund; `actor` is null for the product itself (the demo, a grant that opens its own fund). */
  async create(actor: Actor | null, cooperativeId: CooperativeId, input: NewFund): Promise<Fund> {
    if (input.endsOn < input.startsOn) throw new FundsError(FundsErrorCode.InvalidPeriod, 'endsOn must not be before startsOn', 'endsOn');
    const fund = await this.funds.insert(cooperativeId, input, actor?.userId ?? null);
    if (!fund) throw new FundsError(FundsErrorCode.CodeTaken, `A fund with code ${input.code} already exists`, 'code');
    await this.audit.record({ action: 'fund.create', objectType: 'fund', objectId: fund.id, details: { code: fund.code, restricted: fund.restricted, budgetCents: fund.budgetCents } });
    return fund;
  }

  list(cooperativeId: CooperativeId, status?: FundStatus): Promise<Fund[]> {
    return this.funds.list(cooperativeId, status);
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<Fund> {
    const fund = await this.funds.get(cooperativeId, id);
    if (!fund) throw new FundsError(FundsErrorCode.NotFound, 'Fund was not found');
    return fund;
  }

  byCode(cooperativeId: CooperativeId, code: string): Promise<Fund | null> {
    return this.funds.byCode(cooperativeId, code);
  }

  /**
   * The fund money may be booked on: it exists, is open, and — when a date is given — the date falls in
   * its period. `field` names the request field the fund came from, for the error.
   */
  async requireOpen(cooperativeId: CooperativeId, id: string, options: { on?: string; field?: string } = {}): Promise<Fund> {
    const field = options.field ?? 'fundId';
    const fund = await this.funds.get(cooperativeId, id);
    if (!fund) throw new FundsError(FundsErrorCode.NotFound, `${field}: no such fund`, field);
    if (fund.status !== 'open') throw new FundsError(FundsErrorCode.Closed, `${field}: fund ${fund.code} is closed`, field);
    if (options.on && (options.on < fund.startsOn || options.on > fund.endsOn)) {
      throw new FundsError(FundsErrorCode.OutsidePeriod, `${field}: fund ${fund.code} runs from ${fund.startsOn} to ${fund.endsOn}, not on ${options.on}`, field);
    }
    return fund;
  }

  /** Name, purpose, budget total, end date, closing and reopening. A fund's period cannot be shortened past what was booked on it. */
  async update(cooperativeId: CooperativeId, id: string, changes: FundChanges): Promise<Fund> {
    const fund = await this.get(cooperativeId, id);
    if (changes.endsOn !== undefined) {
      if (changes.endsOn < fund.startsOn) throw new FundsError(FundsErrorCode.InvalidPeriod, `endsOn must not be before the fund starts (${fund.startsOn})`, 'endsOn');
      const last = await this.funds.lastBookedOn(cooperativeId, id);
      if (last && changes.endsOn < last) throw new FundsError(FundsErrorCode.InvalidPeriod, `endsOn: the fund has entries up to ${last}; it cannot end before that`, 'endsOn');
    }
    if (changes.budgetCents !== undefined) {
      const budgeted = (await this.funds.budgetVsActual(cooperativeId, id, fund.startsOn, fund.endsOn)).reduce((sum, row) => sum + row.budgetCents, 0);
      if (budgeted > changes.budgetCents) throw new FundsError(FundsErrorCode.BudgetExceedsTotal, `budgetCents: the budget lines already add up to ${budgeted} cents`, 'budgetCents');
    }
    await this.funds.update(cooperativeId, id, changes);
    await this.audit.record({ action: 'fund.update', objectType: 'fund', objectId: id, details: { ...changes } });
    return this.get(cooperativeId, id);
  }

  /** Replaces the fund's budget lines: what it may spend per cost account, together at most its budget. */
  async setBudget(cooperativeId: CooperativeId, id: string, lines: Array<{ accountCode: string; amountCents: number }>): Promise<FundReport['budget']> {
    const fund = await this.get(cooperativeId, id);
    const codes = lines.map((l) => l.accountCode);
    const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
    if (duplicate) throw new FundsError(FundsErrorCode.AccountNotExpense, `lines: account ${duplicate} is listed twice`, 'lines');
    const accounts = await this.ledger.accounts(cooperativeId);
    const resolved = lines.map((l, i) => {
      const account = accounts.find((a) => a.code === l.accountCode);
      if (!account || account.type !== 'expense') throw new FundsError(FundsErrorCode.AccountNotExpense, `lines[${i}].accountCode: ${l.accountCode} is not a cost account`, `lines[${i}].accountCode`);
      return { accountId: account.id, amountCents: l.amountCents };
    });
    const total = resolved.reduce((sum, l) => sum + l.amountCents, 0);
    if (total > fund.budgetCents) throw new FundsError(FundsErrorCode.BudgetExceedsTotal, `lines add up to ${total} cents, more than the fund's budget of ${fund.budgetCents} cents`, 'lines');
    await this.funds.replaceBudget(cooperativeId, id, resolved);
    await this.audit.record({ action: 'fund.budget', objectType: 'fund', objectId: id, details: { lines } });
    return (await this.report(cooperativeId, id, {})).budget;
  }

  /** Received, spent, committed and unspent for a period (default: the fund's whole period). */
  async report(cooperativeId: CooperativeId, id: string, period: { from?: string; through?: string }): Promise<FundReport> {
    const fund = await this.get(cooperativeId, id);
    const { from, through } = this.periodOf(fund, period);
    const figures = await this.funds.figures(cooperativeId, id, from, through);
    const unspentCents = figures.openingCents + figures.receivedCents - figures.spentCents;
    const budget = (await this.funds.budgetVsActual(cooperativeId, id, from, through)).map((row) => ({ ...row, remainingCents: row.budgetCents - row.actualCents }));
    return { fund, from, through, figures: { ...figures, unspentCents, availableCents: unspentCents - figures.committedCents }, budget };
  }

  /** The ledger lines behind a figure (received: income lines; spent: cost lines), so every euro can be traced. */
  async lines(cooperativeId: CooperativeId, id: string, q: { from?: string; through?: string; figure?: FundFigure; page: number; pageSize: number }): Promise<[FundLine[], number]> {
    const fund = await this.get(cooperativeId, id);
    return this.funds.lines(cooperativeId, id, { ...this.periodOf(fund, q), figure: q.figure, page: q.page, pageSize: q.pageSize });
  }

  /** For the balance sheet: restricted money not yet spent on its purpose is owed to it. */
  restrictedUnspent(cooperativeId: CooperativeId, at: string) {
    return this.funds.restrictedUnspent(cooperativeId, at);
  }

  attributableLines(cooperativeId: CooperativeId, q: { from?: string; through?: string; accountId?: string; page: number; pageSize: number }): Promise<[AttributableLine[], number]> {
    return this.funds.attributableLines(cooperativeId, { from: q.from ?? '1900-01-01', through: q.through ?? this.today(), accountId: q.accountId, page: q.page, pageSize: q.pageSize });
  }

  /** By hand: moves (part of) a booked cost line onto the fund, with a reclassification entry on the line's own date. */
  async attribute(actor: Actor, cooperativeId: CooperativeId, fundId: string, input: { lineId: string; amountCents?: number }): Promise<AttributionOutcome> {
    // The fund named in the path first: a fund that is not the cooperative's is not found, whatever the body says.
    await this.get(cooperativeId, fundId);
    await this.funds.lockAttributions(cooperativeId);
    const line = await this.funds.attributableLine(cooperativeId, input.lineId);
    if (!line) throw new FundsError(FundsErrorCode.LineNotAttributable, 'lineId: no cost line with this id', 'lineId');
    if (line.fundId !== null) throw new FundsError(FundsErrorCode.LineNotAttributable, 'lineId: this cost was booked on a fund already', 'lineId');
    if (line.amountCents <= 0 || !line.standing) throw new FundsError(FundsErrorCode.LineNotAttributable, 'lineId: only a standing cost (a debit that was not reversed) can be attributed', 'lineId');
    const fund = await this.requireOpen(cooperativeId, fundId, { on: line.entryDate, field: 'fundId' });
    const left = line.amountCents - line.attributedCents;
    const amountCents = input.amountCents ?? left;
    if (amountCents > left) throw new FundsError(FundsErrorCode.AttributionTooLarge, `amountCents: only ${left} of the line's ${line.amountCents} cents is not attributed yet`, 'amountCents');
    const key = attributionKey(line.lineId, fund.id);
    // One attribution per line and fund: a change is a reversal of the first, then a new one.
    if (await this.ledger.hasEntry(cooperativeId, key)) throw new FundsError(FundsErrorCode.AlreadyAttributed, `lineId: this line was attributed to ${fund.code} already`, 'lineId');
    await this.ledger.post(cooperativeId, this.reclassification(line, fund.id, fund.code, amountCents), actor.userId);
    await this.funds.insertAttributions(cooperativeId, [{ fundId, lineId: line.lineId, amountCents, ruleId: null }], actor.userId);
    return { attributions: 1, totalCents: amountCents };
  }

  rules(cooperativeId: CooperativeId, fundId?: string): Promise<FundAttributionRule[]> {
    return this.funds.rules(cooperativeId, fundId);
  }

  /** A share (1–100 %) of every cost on an account is borne by the fund; the rules on one account never claim more than 100 % of a day. */
  async addRule(actor: Actor, cooperativeId: CooperativeId, input: { fundId: string; accountCode: string; sharePercent: number; validFrom: string; validThrough: string }): Promise<FundAttributionRule> {
    if (input.validThrough < input.validFrom) throw new FundsError(FundsErrorCode.InvalidPeriod, 'validThrough must not be before validFrom', 'validThrough');
    const fund = await this.requireOpen(cooperativeId, input.fundId);
    if (input.validFrom > fund.endsOn || input.validThrough < fund.startsOn) {
      throw new FundsError(FundsErrorCode.OutsidePeriod, `validFrom/validThrough: the rule must overlap the fund's period ${fund.startsOn} – ${fund.endsOn}`, 'validFrom');
    }
    const account = (await this.ledger.accounts(cooperativeId)).find((a) => a.code === input.accountCode);
    if (!account || account.type !== 'expense') throw new FundsError(FundsErrorCode.AccountNotExpense, `accountCode: ${input.accountCode} is not a cost account`, 'accountCode');
    const shared = await this.funds.sharedOnAccount(cooperativeId, account.id, input.validFrom, input.validThrough, null);
    if (shared + input.sharePercent > 100) {
      throw new FundsError(FundsErrorCode.RuleOverAllocated, `sharePercent: other rules already claim ${shared}% of account ${input.accountCode} in this period; at most ${100 - shared}% is left`, 'sharePercent');
    }
    const rule = await this.funds.insertRule(cooperativeId, { fundId: fund.id, accountId: account.id, sharePercent: input.sharePercent, validFrom: input.validFrom, validThrough: input.validThrough }, actor.userId);
    await this.audit.record({ action: 'fund.rule.add', objectType: 'fund_attribution_rule', objectId: rule.id, details: { fund: fund.code, account: input.accountCode, sharePercent: input.sharePercent, validFrom: input.validFrom, validThrough: input.validThrough } });
    return rule;
  }

  /** Ends a rule early; costs it attributed stay attributed. */
  async endRule(cooperativeId: CooperativeId, id: string, validThrough: string): Promise<FundAttributionRule> {
    const rule = await this.funds.rule(cooperativeId, id);
    if (!rule) throw new FundsError(FundsErrorCode.RuleNotFound, 'Attribution rule was not found');
    if (validThrough < rule.validFrom || validThrough > rule.validThrough) {
      throw new FundsError(FundsErrorCode.InvalidPeriod, `validThrough must fall within the rule's period ${rule.validFrom} – ${rule.validThrough}`, 'validThrough');
    }
    await this.funds.endRule(cooperativeId, id, validThrough);
    await this.audit.record({ action: 'fund.rule.end', objectType: 'fund_attribution_rule', objectId: id, details: { validThrough } });
    return (await this.funds.rule(cooperativeId, id)) as FundAttributionRule;
  }

  /**
   * Applies every rule to the costs booked up to `through` (default today): set-based, idempotent (each
   * line is attributed to a fund once), and never more than what is left of a line.
   */
  async applyRules(actorId: string | null, cooperativeId: CooperativeId, through?: string): Promise<AttributionOutcome> {
    await this.funds.lockAttributions(cooperativeId);
    const candidates = await this.funds.ruleCandidates(cooperativeId, through ?? this.today());
    const claimed = new Map<string, number>();
    const postings: Posting[] = [];
    const rows: Array<{ fundId: string; lineId: string; amountCents: number; ruleId: string | null }> = [];
    for (const c of candidates) {
      const already = claimed.get(c.lineId) ?? c.attributedCents;
      // Half a cent rounds up; what other rules or hands took first is never exceeded.
      const amountCents = Math.min(Math.floor((c.amountCents * c.sharePercent + 50) / 100), c.amountCents - already);
      if (amountCents <= 0) continue;
      claimed.set(c.lineId, already + amountCents);
      postings.push(this.reclassification(c, c.fundId, c.fundCode, amountCents));
      rows.push({ fundId: c.fundId, lineId: c.lineId, amountCents, ruleId: c.ruleId });
    }
    if (postings.length === 0) return { attributions: 0, totalCents: 0 };
    await this.ledger.postMany(cooperativeId, postings, actorId);
    await this.funds.insertAttributions(cooperativeId, rows, actorId);
    const totalCents = rows.reduce((sum, r) => sum + r.amountCents, 0);
    await this.audit.record({ action: 'fund.rules.apply', objectType: 'cooperative', objectId: cooperativeId, details: { attributions: rows.length, totalCents } });
    return { attributions: rows.length, totalCents };
  }

  async commitments(cooperativeId: CooperativeId, fundId: string): Promise<FundCommitment[]> {
    await this.get(cooperativeId, fundId);
    return this.funds.commitments(cooperativeId, fundId);
  }

  /** Money promised from the fund: it counts as committed until released (once booked, or when the promise lapses). */
  async commit(actor: Actor, cooperativeId: CooperativeId, fundId: string, input: { description: string; amountCents: number; committedOn?: string }): Promise<FundCommitment> {
    const committedOn = input.committedOn ?? this.today();
    await this.requireOpen(cooperativeId, fundId, { on: committedOn, field: 'committedOn' });
    const commitment = await this.funds.insertCommitment(cooperativeId, { fundId, description: input.description, amountCents: input.amountCents, committedOn }, actor.userId);
    await this.audit.record({ action: 'fund.commit', objectType: 'fund_commitment', objectId: commitment.id, details: { fundId, amountCents: input.amountCents } });
    return commitment;
  }

  async release(cooperativeId: CooperativeId, fundId: string, id: string, input: { reason: string; releasedOn?: string }): Promise<FundCommitment> {
    const commitment = await this.funds.commitment(cooperativeId, fundId, id);
    if (!commitment) throw new FundsError(FundsErrorCode.CommitmentNotFound, 'Commitment was not found');
    const releasedOn = input.releasedOn ?? this.today();
    if (releasedOn < commitment.committedOn) throw new FundsError(FundsErrorCode.InvalidPeriod, `releasedOn must not be before the commitment (${commitment.committedOn})`, 'releasedOn');
    // Two racing releases both read 'open'; only the update that matched counts.
    if (!(await this.funds.releaseCommitment(cooperativeId, id, releasedOn, input.reason))) {
      throw new FundsError(FundsErrorCode.CommitmentReleased, 'This commitment was released already');
    }
    await this.audit.record({ action: 'fund.release', objectType: 'fund_commitment', objectId: id, details: { reason: input.reason, releasedOn } });
    return (await this.funds.commitment(cooperativeId, fundId, id)) as FundCommitment;
  }

  private reclassification(line: AttributableLine, fundId: string, fundCode: string, amountCents: number): Posting {
    return {
      entryDate: line.entryDate,
      description: `Toegerekend aan ${fundCode}: ${line.description}`.slice(0, 500),
      idempotencyKey: attributionKey(line.lineId, fundId),
      lines: [
        { accountId: line.accountId, amountCents, fundId, memberId: line.memberId, bookingId: line.bookingId },
        { accountId: line.accountId, amountCents: -amountCents, memberId: line.memberId, bookingId: line.bookingId },
      ],
    };
  }

  private periodOf(fund: Fund, period: { from?: string; through?: string }): { from: string; through: string } {
    const from = period.from ?? fund.startsOn;
    const through = period.through ?? fund.endsOn;
    if (from > through) throw new FundsError(FundsErrorCode.InvalidPeriod, `from (${from}) must not be after through (${through})`, 'from');
    return { from, through };
  }

  private today(): string {
    return dutchDate(this.clock.now());
  }
}
