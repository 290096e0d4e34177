import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MEMBER_BILLING_VIEW } from '@buurtcoop/membership';
import { Invoice, InvoiceKind, InvoiceLine, InvoicePaymentRecord, InvoiceStatus, PaymentMethod } from './entities/invoice.entity';

/** Days past the due date, in the buckets the treasurer ages receivables by. */
export const AGE_BUCKETS = ['not_due', '1-30', '31-60', '61-90', '90+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Open invoices in one age bucket: how many, and what is still to be paid on them. */
export interface AgeingRow {
  bucket: AgeBucket;
  invoices: number;
  outstandingCents: number;
}

export interface DraftLine {
  description: string;
  amountCents: number;
  accountCode: string;
  bookingId?: string | null;
  /** Below the full tariff for a declared minimum income (dues only); 0 when the full tariff is billed. */
  reductionCents?: number;
}

/** An invoice to issue. Its source key says what it bills; a key billed before is skipped. */
export interface InvoiceDraft {
  memberId: string;
  kind: InvoiceKind;
  sourceKey: string;
  dueDate: string;
  duesRunId?: string | null;
  lines: DraftLine[];
}

export interface IssuedInvoice {
  id: string;
  number: string;
  memberId: string;
  amountCents: number;
  issueDate: string;
  lines: DraftLine[];
}

/** What booking a payment needs to know of its invoice. */
export interface PaymentTarget {
  id: string;
  number: string;
  memberId: string;
  status: InvoiceStatus;
}

export interface InvoiceFilter {
  memberId?: string;
  status?: InvoiceStatus;
  year?: number;
  overdueOn?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class InvoicesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Issues the drafts in one statement, numbered on from the year's counter. The counter row is locked
   * first, so a concurrent issuer waits and then sees what this one issued: numbers stay gapless and no
   * source is billed twice. Drafts for members the cooperative does not know are left out.
   */
  async issue(cooperativeId: CooperativeId, issueDate: string, drafts: InvoiceDraft[]): Promise<IssuedInvoice[]> {
    if (drafts.length === 0) return [];
    const year = Number(issueDate.slice(0, 4));
    const [counter] = await this.uow.rows<{ last_sequence: number }>(
      `INSERT INTO invoice_counters (cooperative_id, year, last_sequence) VALUES ($1, $2, 0)
       ON CONFLICT (cooperative_id, year) DO UPDATE SET last_sequence = invoice_counters.last_sequence
       RETURNING last_sequence`,
      [cooperativeId, year],
    );
    const rows = await this.uow.rows<{ id: string; number: string; member_id: string; amount_cents: string; lines: DraftLine[] }>(
      `WITH draft AS (
         SELECT d.*, b.name, b.street_line, b.postcode, b.city, b.email, b.member_number, b.language,
                $4::int + row_number() OVER (ORDER BY d.ord) AS sequence
           FROM jsonb_to_recordset($5::jsonb) AS d(ord int, member_id uuid, kind text, source_key text, due_date date, dues_run_id uuid, amount_cents bigint, lines jsonb)
           JOIN ${MEMBER_BILLING_VIEW} b ON b.cooperative_id = $1 AND b.member_id = d.member_id
          -- Looks up just these drafts' keys: the check costs the same however many invoices the cooperative has.
          WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.cooperative_id = $1 AND i.source_key = ANY($6::text[]) AND i.source_key = d.source_key)
       ), invoice AS (
         INSERT INTO invoices (cooperative_id, number, year, sequence, member_id, kind, source_key, dues_run_id, issue_date, due_date, amount_cents, payment_reference, billed_to)
         SELECT $1, $3::int || '-' || lpad(sequence::text, greatest(6, length(sequence::text)), '0'), $3, sequence, member_id, kind, source_key, dues_run_id, $2, due_date, amount_cents,
                invoice_payment_reference($3::int, sequence::int),
                jsonb_build_object('name', name, 'streetLine', street_line, 'postcode', postcode, 'city', city, 'email', email, 'memberNumber', member_number, 'language', language)
           FROM draft
         RETURNING id, number, member_id, amount_cents, source_key
       ), line AS (
         INSERT INTO invoice_lines (cooperative_id, invoice_id, position, description, amount_cents, account_code, booking_id, reduction_cents)
         SELECT $1, invoice.id, l.position, l.description, l.amount_cents, l.account_code, l.booking_id, l.reduction_cents
           FROM invoice JOIN draft ON draft.source_key = invoice.source_key
          CROSS JOIN LATERAL jsonb_to_recordset(draft.lines) AS l(position int, description text, amount_cents bigint, account_code text, booking_id uuid, reduction_cents bigint)
       ), counter AS (
         UPDATE invoice_counters SET last_sequence = last_sequence + (SELECT count(*) FROM invoice) WHERE cooperative_id = $1 AND year = $3
       )
       SELECT invoice.id, invoice.number, invoice.member_id, invoice.amount_cents, draft.lines
         FROM invoice JOIN draft ON draft.source_key = invoice.source_key
        ORDER BY invoice.number`,
      [
        cooperativeId,
        issueDate,
        year,
        counter.last_sequence,
        JSON.stringify(
          drafts.map((d, i) => ({
            ord: i,
            member_id: d.memberId,
            kind: d.kind,
            source_key: d.sourceKey,
            due_date: d.dueDate,
            dues_run_id: d.duesRunId ?? null,
            amount_cents: d.lines.reduce((sum, l) => sum + l.amountCents, 0),
            lines: d.lines.map((l, position) => ({ position: position + 1, description: l.description, amount_cents: l.amountCents, account_code: l.accountCode, booking_id: l.bookingId ?? null, reduction_cents: l.reductionCents ?? 0 })),
          })),
        ),
        drafts.map((d) => d.sourceKey),
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      memberId: r.member_id,
      amountCents: Number(r.amount_cents),
      issueDate,
      lines: (r.lines as unknown as Array<{ description: string; amount_cents: number; account_code: string; booking_id: string | null }>).map((l) => ({
        description: l.description,
        amountCents: Number(l.amount_cents),
        accountCode: l.account_code,
        bookingId: l.booking_id,
      })),
    }));
  }

  find(cooperativeId: CooperativeId, id: string): Promise<Invoice | null> {
    return this.uow.manager().getRepository(Invoice).findOneBy({ cooperativeId, id });
  }

  lines(cooperativeId: CooperativeId, invoiceId: string): Promise<InvoiceLine[]> {
    return this.uow.manager().getRepository(InvoiceLine).find({ where: { cooperativeId, invoiceId }, order: { position: 'ASC' } });
  }

  payments(cooperativeId: CooperativeId, invoiceId: string): Promise<InvoicePaymentRecord[]> {
    return this.uow.manager().getRepository(InvoicePaymentRecord).find({ where: { cooperativeId, invoiceId }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  async list(cooperativeId: CooperativeId, filter: InvoiceFilter): Promise<{ items: Invoice[]; total: number }> {
    const query = this.uow.manager().getRepository(Invoice).createQueryBuilder('i').where('i.cooperativeId = :cooperativeId', { cooperativeId });
    if (filter.memberId) query.andWhere('i.memberId = :memberId', { memberId: filter.memberId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.year) query.andWhere('i.year = :year', { year: filter.year });
    if (filter.overdueOn) query.andWhere(`i.status = 'open' AND i.dueDate < :overdueOn`, { overdueOn: filter.overdueOn });
    const [items, total] = await query
      .orderBy('i.year', 'DESC')
      .addOrderBy('i.sequence', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  byPaymentReference(cooperativeId: CooperativeId, paymentReference: string): Promise<Invoice | null> {
    return this.uow.manager().getRepository(Invoice).findOneBy({ cooperativeId, paymentReference });
  }

  paymentByKey(cooperativeId: CooperativeId, idempotencyKey: string): Promise<InvoicePaymentRecord | null> {
    return this.uow.manager().getRepository(InvoicePaymentRecord).findOneBy({ cooperativeId, idempotencyKey });
  }

  /** Open invoices worth suggesting for a bank line: the open amount is the line's, its number is in the text, or the payer's name is the addressee's. */
  async suggestions(cooperativeId: CooperativeId, line: { amountCents: number; text: string; name: string | null }, limit: number): Promise<Invoice[]> {
    const ids = await this.uow.rows<{ id: string }>(
      `SELECT id FROM invoices
        WHERE cooperative_id = $1 AND status = 'open'
          AND (amount_cents - paid_cents = $2 OR position(number in $3) > 0 OR ($4::text IS NOT NULL AND lower(billed_to->>'name') = lower($4)))
        ORDER BY due_date LIMIT $5`,
      [cooperativeId, line.amountCents, line.text, line.name, limit],
    );
    if (ids.length === 0) return [];
    return this.uow.manager().getRepository(Invoice).createQueryBuilder('i').where('i.cooperativeId = :cooperativeId AND i.id IN (:...ids)', { cooperativeId, ids: ids.map((r) => r.id) }).getMany();
  }

  /**
   * Open invoices issued on or before `at`, by days past their due date at `at`, in one statement; every bucket
   * is present (zero when empty). Outstanding is the amount minus payments allocated so far.
   */
  async ageing(cooperativeId: CooperativeId, at: string): Promise<AgeingRow[]> {
    const rows = await this.uow.rows<{ bucket: AgeBucket; invoices: number; outstanding: string }>(
      `WITH aged AS (
         SELECT amount_cents - paid_cents AS outstanding,
                CASE WHEN $2::date - due_date <= 0 THEN 'not_due' WHEN $2::date - due_date <= 30 THEN '1-30'
                     WHEN $2::date - due_date <= 60 THEN '31-60' WHEN $2::date - due_date <= 90 THEN '61-90' ELSE '90+' END AS bucket
           FROM invoices
          WHERE cooperative_id = $1 AND status = 'open' AND issue_date <= $2::date)
       SELECT b.bucket, count(aged.bucket)::int AS invoices, coalesce(sum(aged.outstanding), 0)::text AS outstanding
         FROM unnest($3::text[]) WITH ORDINALITY AS b(bucket, position)
         LEFT JOIN aged ON aged.bucket = b.bucket
        GROUP BY b.bucket, b.position
        ORDER BY b.position`,
      [cooperativeId, at, AGE_BUCKETS],
    );
    return rows.map((r) => ({ bucket: r.bucket, invoices: r.invoices, outstandingCents: Number(r.outstanding) }));
  }

  openOfMembers(cooperativeId: CooperativeId, memberIds: string[]): Promise<Invoice[]> {
    if (memberIds.length === 0) return Promise.resolve([]);
    return this.uow
      .manager()
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .where(`i.cooperativeId = :cooperativeId AND i.status = 'open' AND i.memberId IN (:...memberIds)`, { cooperativeId, memberIds })
      .getMany();
  }

  /** A member's invoices that are still open, oldest first. */
  openFor(cooperativeId: CooperativeId, memberId: string): Promise<Invoice[]> {
    return this.uow.manager().getRepository(Invoice).find({ where: { cooperativeId, memberId, status: 'open' }, order: { dueDate: 'ASC', sequence: 'ASC' } });
  }

  /**
   * Allocates a payment (or, negative, a refund) and moves the invoice's paid amount and status in the
   * same statement. False when this key was allocated before.
   */
  async allocate(cooperativeId: CooperativeId, invoiceId: string, p: { amountCents: number; method: PaymentMethod; paidOn: string; idempotencyKey: string }): Promise<boolean> {
    const rows = await this.uow.rows(
      `WITH payment AS (
         INSERT INTO invoice_payments (cooperative_id, invoice_id, amount_cents, method, paid_on, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cooperative_id, idempotency_key) DO NOTHING RETURNING amount_cents
       )
       UPDATE invoices i SET paid_cents = i.paid_cents + payment.amount_cents,
              status = CASE WHEN i.status = 'cancelled' THEN 'cancelled' WHEN i.paid_cents + payment.amount_cents >= i.amount_cents THEN 'paid' ELSE 'open' END
         FROM payment WHERE i.cooperative_id = $1 AND i.id = $2
       RETURNING i.id`,
      [cooperativeId, invoiceId, p.amountCents, p.method, p.paidOn, p.idempotencyKey],
    );
    return rows.length === 1;
  }

  /** The invoices these ids name, as much as a payment needs of them (one query however many). */
  async paymentTargets(cooperativeId: CooperativeId, ids: string[]): Promise<PaymentTarget[]> {
    const rows = await this.uow.rows<{ id: string; number: string; member_id: string; status: InvoiceStatus }>(
      `SELECT id, number, member_id, status FROM invoices WHERE cooperative_id = $1 AND id = ANY($2::uuid[])`,
      [cooperativeId, ids],
    );
    return rows.map((r) => ({ id: r.id, number: r.number, memberId: r.member_id, status: r.status }));
  }

  /** The invoices these betalingskenmerken name, by reference; references nobody issued are left out. */
  async byPaymentReferences(cooperativeId: CooperativeId, references: string[]): Promise<Map<string, PaymentTarget>> {
    const rows = await this.uow.rows<{ id: string; number: string; member_id: string; status: InvoiceStatus; payment_reference: string }>(
      // char(16)[], not text[]: compared as text the column could not use its unique index.
      `SELECT id, number, member_id, status, payment_reference FROM invoices WHERE cooperative_id = $1 AND payment_reference = ANY($2::char(16)[])`,
      [cooperativeId, references],
    );
    return new Map(rows.map((r) => [r.payment_reference, { id: r.id, number: r.number, memberId: r.member_id, status: r.status }]));
  }

  /**
   * `allocate` for many payments in one statement: the allocations whose key is new are stored, and each
   * invoice's paid amount and status move by their sum. Cancelled invoices get no allocation (the money
   * stays on the member's account as credit). Returns the keys that were new.
   */
  async allocateMany(cooperativeId: CooperativeId, payments: Array<{ invoiceId: string; amountCents: number; method: PaymentMethod; paidOn: string; idempotencyKey: string }>): Promise<string[]> {
    if (payments.length === 0) return [];
    const rows = await this.uow.rows<{ idempotency_key: string }>(
      `WITH payment AS (
         INSERT INTO invoice_payments (cooperative_id, invoice_id, amount_cents, method, paid_on, idempotency_key)
         SELECT $1, p.invoice_id, p.amount_cents, p.method, p.paid_on, p.idempotency_key
           FROM jsonb_to_recordset($2::jsonb) AS p(invoice_id uuid, amount_cents bigint, method text, paid_on date, idempotency_key text)
           JOIN invoices i ON i.cooperative_id = $1 AND i.id = p.invoice_id AND i.status <> 'cancelled'
         ON CONFLICT (cooperative_id, idempotency_key) DO NOTHING
         RETURNING invoice_id, amount_cents, idempotency_key
       ), total AS (
         SELECT invoice_id, sum(amount_cents) AS cents FROM payment GROUP BY invoice_id
       ), invoice AS (
         UPDATE invoices i SET paid_cents = i.paid_cents + total.cents,
                status = CASE WHEN i.paid_cents + total.cents >= i.amount_cents THEN 'paid' ELSE 'open' END
           FROM total WHERE i.cooperative_id = $1 AND i.id = total.invoice_id
       )
       SELECT idempotency_key FROM payment`,
      [
        cooperativeId,
        JSON.stringify(payments.map((p) => ({ invoice_id: p.invoiceId, amount_cents: p.amountCents, method: p.method, paid_on: p.paidOn, idempotency_key: p.idempotencyKey }))),
      ],
    );
    return rows.map((r) => r.idempotency_key);
  }

  /** Cancels an invoice nothing was paid on yet; false when it is paid (partly) or cancelled already. */
  async cancel(cooperativeId: CooperativeId, id: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE invoices SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3 WHERE cooperative_id = $1 AND id = $2 AND status = 'open' AND paid_cents = 0 RETURNING id`,
      [cooperativeId, id, reason],
    );
    return rows.length === 1;
  }
}
