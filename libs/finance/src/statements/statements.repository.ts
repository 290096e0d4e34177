import { Injectable } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { BankAccount, BankStatement, StatementLine } from './entities/bank-statement.entity';
import { StatementEntry } from './parsers/parsed-statement';

export type NewLine = Omit<StatementEntry, 'kind'> & { dedupeKey: string };

/** An open line with money in, as the betalingskenmerk rule reads it. */
/** The reconciliation worklist in figures: lines not yet explained and the last day the bank's statements cover. */
export interface UnmatchedSummary {
  unmatchedLines: number;
  /** Net: money in positive, money out negative. */
  unmatchedCents: number;
  lastStatementDate: string | null;
}

export interface OpenReceipt {
  id: string;
  bankAccountId: string;
  bookingDate: string;
  amountCents: number;
  counterpartyName: string | null;
  structuredReference: string | null;
  remittance: string | null;
}

@Injectable()
export class StatementsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The account with this IBAN; the first statement of an account registers it, booked on 1100 Bank. */
  async account(cooperativeId: CooperativeId, iban: string, name: string): Promise<BankAccount> {
    await this.uow.rows(`INSERT INTO bank_accounts (cooperative_id, iban, name) VALUES ($1, $2, $3) ON CONFLICT (cooperative_id, iban) DO NOTHING`, [cooperativeId, iban, name]);
    return (await this.uow.manager().getRepository(BankAccount).findOneBy({ cooperativeId, iban })) as BankAccount;
  }

  accounts(cooperativeId: CooperativeId): Promise<BankAccount[]> {
    return this.uow.manager().getRepository(BankAccount).find({ where: { cooperativeId }, order: { createdAt: 'ASC' } });
  }

  findAccount(cooperativeId: CooperativeId, id: string): Promise<BankAccount | null> {
    return this.uow.manager().getRepository(BankAccount).findOneBy({ cooperativeId, id });
  }

  async insertStatement(cooperativeId: CooperativeId, s: Omit<BankStatement, 'cooperativeId' | 'id' | 'importedAt' | 'fileSha256' | 'filePosition'>): Promise<BankStatement> {
    return this.uow.manager().getRepository(BankStatement).save({ ...s, cooperativeId });
  }

  /** Marks where an import begins, so that a file found to be imported before can be taken back whole. */
  async beginImport(): Promise<void> {
    await this.uow.rows('SAVEPOINT statement_import');
  }

  /**
   * Records the file's hash on the statements this import wrote, in file order. When the cooperative imported
   * the same file for the same account before (or a racing import just did), the unique index refuses it: everything written since
   * `beginImport` is taken back and the statements of the earlier import are returned instead.
   */
  async claimFile(cooperativeId: CooperativeId, fileSha256: string, statements: Array<{ id: string; bankAccountId: string }>): Promise<{ claimed: true } | { claimed: false; existing: BankStatement[] }> {
    try {
      await this.uow.rows(
        `UPDATE bank_statements SET file_sha256 = $2, file_position = array_position($3::uuid[], id) - 1 WHERE cooperative_id = $1 AND id = ANY($3::uuid[])`,
        [cooperativeId, fileSha256, statements.map((s) => s.id)],
      );
    } catch (error) {
      if (!(error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')) throw error;
      const bankAccountIds = [...new Set(statements.map((s) => s.bankAccountId))];
      await this.uow.rows('ROLLBACK TO SAVEPOINT statement_import');
      await this.uow.rows('RELEASE SAVEPOINT statement_import');
      const existing = await this.uow
        .manager()
        .getRepository(BankStatement)
        .find({ where: { cooperativeId, fileSha256, bankAccountId: In(bankAccountIds) }, order: { filePosition: 'ASC' } });
      return { claimed: false, existing };
    }
    await this.uow.rows('RELEASE SAVEPOINT statement_import');
    return { claimed: true };
  }

  async updateStatement(cooperativeId: CooperativeId, id: string, s: Partial<Omit<BankStatement, 'cooperativeId' | 'id'>>): Promise<void> {
    await this.uow.manager().getRepository(BankStatement).update({ cooperativeId, id }, s);
  }

  /** Inserts the lines not stored before (by dedupe key) in one statement; returns the new ones' ids. */
  async insertLines(cooperativeId: CooperativeId, bankAccountId: string, statementId: string, lines: NewLine[]): Promise<string[]> {
    if (lines.length === 0) return [];
    const rows = await this.uow.rows<{ id: string }>(
      `INSERT INTO statement_lines (cooperative_id, bank_account_id, statement_id, dedupe_key, booking_date, value_date, amount_cents, counterparty_name, counterparty_iban,
                                    remittance, structured_reference, end_to_end_id, mandate_id, bank_reference, return_reason, transaction_code, batch_ref)
       SELECT $1, $2, $3, l.dedupe_key, l.booking_date, l.value_date, l.amount_cents, l.counterparty_name, l.counterparty_iban,
              l.remittance, l.structured_reference, l.end_to_end_id, l.mandate_id, l.bank_reference, l.return_reason, l.transaction_code, l.batch_ref
         FROM jsonb_to_recordset($4::jsonb) AS l(dedupe_key text, booking_date date, value_date date, amount_cents bigint, counterparty_name text, counterparty_iban text,
                                                 remittance text, structured_reference text, end_to_end_id text, mandate_id text, bank_reference text, return_reason text,
                                                 transaction_code text, batch_ref text)
       ON CONFLICT (cooperative_id, bank_account_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        cooperativeId,
        bankAccountId,
        statementId,
        JSON.stringify(
          lines.map((l) => ({
            dedupe_key: l.dedupeKey,
            booking_date: l.bookingDate,
            value_date: l.valueDate,
            amount_cents: l.amountCents,
            counterparty_name: l.counterpartyName,
            counterparty_iban: l.counterpartyIban,
            remittance: l.remittance,
            structured_reference: l.structuredReference,
            end_to_end_id: l.endToEndId,
            mandate_id: l.mandateId,
            bank_reference: l.bankReference,
            return_reason: l.returnReason,
            transaction_code: l.transactionCode,
            batch_ref: l.batchRef,
          })),
        ),
      ],
    );
    return rows.map((r) => r.id);
  }

  /** The statement of this account that ended last before `date`, to see whether anything is missing in between. */
  previous(cooperativeId: CooperativeId, bankAccountId: string, before: string, exceptId: string): Promise<BankStatement | null> {
    return this.uow
      .manager()
      .getRepository(BankStatement)
      .createQueryBuilder('s')
      .where('s.cooperativeId = :cooperativeId AND s.bankAccountId = :bankAccountId AND s.id <> :exceptId', { cooperativeId, bankAccountId, exceptId })
      .andWhere("s.closingDate IS NOT NULL AND s.closingDate <= :before", { before })
      .orderBy('s.closingDate', 'DESC')
      .addOrderBy('s.importedAt', 'DESC')
      .getOne();
  }

  statements(cooperativeId: CooperativeId, page: { page: number; pageSize: number }): Promise<[BankStatement[], number]> {
    return this.uow
      .manager()
      .getRepository(BankStatement)
      .findAndCount({ where: { cooperativeId }, order: { importedAt: 'DESC' }, skip: (page.page - 1) * page.pageSize, take: page.pageSize });
  }

  statement(cooperativeId: CooperativeId, id: string): Promise<BankStatement | null> {
    return this.uow.manager().getRepository(BankStatement).findOneBy({ cooperativeId, id });
  }

  line(cooperativeId: CooperativeId, id: string): Promise<StatementLine | null> {
    return this.uow.manager().getRepository(StatementLine).findOneBy({ cooperativeId, id });
  }

  linesByIds(cooperativeId: CooperativeId, ids: string[]): Promise<StatementLine[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.uow
      .manager()
      .getRepository(StatementLine)
      .createQueryBuilder('l')
      .where('l.cooperativeId = :cooperativeId AND l.id IN (:...ids)', { cooperativeId, ids })
      .orderBy('l.bookingDate')
      .addOrderBy('l.id')
      .getMany();
  }

  /** Of these lines, the ones still open, in booking order; the ids go as one array, however many. */
  unmatchedByIds(cooperativeId: CooperativeId, ids: string[]): Promise<StatementLine[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.uow
      .manager()
      .getRepository(StatementLine)
      .createQueryBuilder('l')
      .where(`l.cooperativeId = :cooperativeId AND l.id = ANY(CAST(:ids AS uuid[])) AND l.status = 'unmatched'`, { cooperativeId, ids })
      .orderBy('l.bookingDate')
      .addOrderBy('l.id')
      .getMany();
  }

  /** Of these lines, the open ones with money in: what looking for a betalingskenmerk needs of them. */
  async openReceipts(cooperativeId: CooperativeId, ids: string[]): Promise<OpenReceipt[]> {
    if (ids.length === 0) return [];
    const rows = await this.uow.rows<{ id: string; bank_account_id: string; booking_date: string; amount_cents: string; counterparty_name: string | null; structured_reference: string | null; remittance: string | null }>(
      `SELECT id, bank_account_id, to_char(booking_date, 'YYYY-MM-DD') AS booking_date, amount_cents, counterparty_name, structured_reference, remittance
         FROM statement_lines WHERE cooperative_id = $1 AND id = ANY($2::uuid[]) AND status = 'unmatched' AND amount_cents > 0
        ORDER BY booking_date, id`,
      [cooperativeId, ids],
    );
    return rows.map((r) => ({
      id: r.id,
      bankAccountId: r.bank_account_id,
      bookingDate: r.booking_date,
      amountCents: Number(r.amount_cents),
      counterpartyName: r.counterparty_name,
      structuredReference: r.structured_reference,
      remittance: r.remittance,
    }));
  }

  /** `markMatched` for many lines in one statement; returns the ids of the lines that were still open (and are now this caller's). */
  async markManyMatched(cooperativeId: CooperativeId, kind: string, matches: Array<{ lineId: string; details: Record<string, unknown> }>, by: string | null): Promise<string[]> {
    if (matches.length === 0) return [];
    const rows = await this.uow.rows<{ id: string }>(
      `UPDATE statement_lines l SET status = 'matched', match_kind = $2, match_details = m.details, matched_at = now(), matched_by = $4
         FROM jsonb_to_recordset($3::jsonb) AS m(line_id uuid, details jsonb)
        WHERE l.cooperative_id = $1 AND l.id = m.line_id AND l.status = 'unmatched'
       RETURNING l.id`,
      [cooperativeId, kind, JSON.stringify(matches.map((m) => ({ line_id: m.lineId, details: m.details }))), by],
    );
    return rows.map((r) => r.id);
  }

  lines(cooperativeId: CooperativeId, filter: { status?: string; bankAccountId?: string; page: number; pageSize: number }): Promise<[StatementLine[], number]> {
    const q = this.uow.manager().getRepository(StatementLine).createQueryBuilder('l').where('l.cooperativeId = :cooperativeId', { cooperativeId });
    if (filter.status) q.andWhere('l.status = :status', { status: filter.status });
    if (filter.bankAccountId) q.andWhere('l.bankAccountId = :bankAccountId', { bankAccountId: filter.bankAccountId });
    return q
      .orderBy('l.bookingDate', 'DESC')
      .addOrderBy('l.id')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
  }

  /** Whether earlier transfers from this account were booked on this account code (e.g. gifts). */
  async knownDonor(cooperativeId: CooperativeId, iban: string, accountCode: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `SELECT 1 FROM statement_lines
        WHERE cooperative_id = $1 AND counterparty_iban = $2 AND match_kind IN ('account', 'donation') AND status = 'matched' AND match_details->>'accountCode' = $3 LIMIT 1`,
      [cooperativeId, iban, accountCode],
    );
    return rows.length > 0;
  }

  /** Lines of the account through a day that nothing explains yet: not in the ledger. */
  /** Lines still to be explained (count and net amount) and the last day any imported statement covers, in one statement. */
  async unmatchedSummary(cooperativeId: CooperativeId): Promise<UnmatchedSummary> {
    const [row] = await this.uow.rows<{ lines: number; amount: string; last: string | null }>(
      `SELECT (SELECT count(*)::int FROM statement_lines WHERE cooperative_id = $1 AND status = 'unmatched') AS lines,
              (SELECT coalesce(sum(amount_cents), 0)::text FROM statement_lines WHERE cooperative_id = $1 AND status = 'unmatched') AS amount,
              (SELECT to_char(max(coalesce(closing_date, last_booking_date)), 'YYYY-MM-DD') FROM bank_statements WHERE cooperative_id = $1) AS last`,
      [cooperativeId],
    );
    return { unmatchedLines: row.lines, unmatchedCents: Number(row.amount), lastStatementDate: row.last };
  }

  unmatchedThrough(cooperativeId: CooperativeId, bankAccountId: string, through: string): Promise<StatementLine[]> {
    return this.uow
      .manager()
      .getRepository(StatementLine)
      .createQueryBuilder('l')
      .where(`l.cooperativeId = :cooperativeId AND l.bankAccountId = :bankAccountId AND l.status = 'unmatched' AND l.bookingDate <= :through`, { cooperativeId, bankAccountId, through })
      .orderBy('l.bookingDate')
      .getMany();
  }

  /** Marks an unmatched line explained; false when someone else explained or dismissed it first. */
  async markMatched(cooperativeId: CooperativeId, id: string, kind: string, details: Record<string, unknown>, by: string | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE statement_lines SET status = 'matched', match_kind = $3, match_details = $4, matched_at = now(), matched_by = $5
        WHERE cooperative_id = $1 AND id = $2 AND status = 'unmatched' RETURNING id`,
      [cooperativeId, id, kind, JSON.stringify(details), by],
    );
    return rows.length === 1;
  }

  async markDismissed(cooperativeId: CooperativeId, id: string, reason: string, by: string | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE statement_lines SET status = 'dismissed', dismiss_reason = $3, matched_at = now(), matched_by = $4 WHERE cooperative_id = $1 AND id = $2 AND status = 'unmatched' RETURNING id`,
      [cooperativeId, id, reason, by],
    );
    return rows.length === 1;
  }

  async markUnmatched(cooperativeId: CooperativeId, id: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE statement_lines SET status = 'unmatched', match_kind = NULL, match_details = NULL, dismiss_reason = NULL, matched_at = NULL, matched_by = NULL
        WHERE cooperative_id = $1 AND id = $2 AND status <> 'unmatched' RETURNING id`,
      [cooperativeId, id],
    );
    return rows.length === 1;
  }

  /** The account's balance by its lines through a day: the last statement's closing before, plus the lines after it. */
  async statementBalance(cooperativeId: CooperativeId, bankAccountId: string, through: string): Promise<{ balanceCents: number | null; basis: string | null }> {
    const [row] = await this.uow.rows<{ closing_date: string | null; closing_cents: string | null; after: string }>(
      `WITH anchor AS (
         SELECT closing_date, closing_cents FROM bank_statements
          WHERE cooperative_id = $1 AND bank_account_id = $2 AND closing_date IS NOT NULL AND closing_date <= $3
          ORDER BY closing_date DESC, imported_at DESC LIMIT 1
       )
       SELECT to_char(a.closing_date, 'YYYY-MM-DD') AS closing_date, a.closing_cents,
              coalesce((SELECT sum(amount_cents) FROM statement_lines l WHERE l.cooperative_id = $1 AND l.bank_account_id = $2
                          AND l.booking_date > a.closing_date AND l.booking_date <= $3), 0) AS after
         FROM anchor a`,
      [cooperativeId, bankAccountId, through],
    );
    if (!row) return { balanceCents: null, basis: null };
    return { balanceCents: Number(row.closing_cents) + Number(row.after), basis: `closing balance of ${row.closing_date} plus the lines after it` };
  }
}
