import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import type { InvoiceStatus } from '../invoices/entities/invoice.entity';
import type { PainVersion, SequenceType } from './pain008';
import { BatchStatus, ItemStatus, SepaCollectionBatch } from './entities/sepa-collection-batch.entity';

/** An invoice the selection looked at, with what decides whether it can be collected. */
export interface CandidateInvoice {
  invoiceId: string;
  number: string;
  memberId: string;
  status: InvoiceStatus;
  openCents: number;
  dueDate: string;
  /** Already in an active item of another batch. */
  batched: boolean;
}

/** The mandate an invoice is collected on, as it stands when the item is written. */
export interface ItemMandate {
  invoiceId: string;
  mandateId: string;
  sequenceType: SequenceType;
  mandateReference: string;
  debtorName: string;
  iban: string;
  bic: string | null;
}

export interface BatchSummary {
  batch: SepaCollectionBatch;
  itemCount: number;
  skippedCount: number;
  totalCents: number;
}

export interface BatchItemRow {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  invoiceStatus: InvoiceStatus;
  /** What is open on the invoice now (it may have changed since the draft). */
  invoiceOpenCents: number;
  memberId: string;
  memberName: string | null;
  mandateId: string;
  mandateReference: string;
  mandateSignedOn: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  sequenceType: SequenceType;
  amountCents: number;
  endToEndId: string;
  remittance: string;
  status: ItemStatus;
  skipReason: string | null;
}

/** What the export decided for an item. */
export interface ItemOutcome extends Omit<ItemMandate, 'invoiceId' | 'mandateId'> {
  id: string;
  status: 'collected' | 'skipped';
  skipReason: string | null;
  amountCents: number;
}

export interface ExportedFile {
  messageId: string;
  painVersion: PainVersion;
  exportedAt: Date;
  fileXml: string;
}

/** An invoice returned for lack of funds (AM04, MS03) is tried again twice; after the third return it is no longer collected automatically. */
export const MAX_RETURNS_BEFORE_STOP = 3;

@Injectable()
export class CollectionBatchesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get batches() {
    return this.uow.manager().getRepository(SepaCollectionBatch);
  }

  /**
   * With `invoiceIds`, exactly those invoices whatever their state (so the caller can say why one is refused);
   * otherwise the open invoices due on or before `dueThrough` that are in no active batch item. Oldest first.
   */
  async candidates(cooperativeId: CooperativeId, filter: { dueThrough: string | null; invoiceIds: string[] | null }): Promise<CandidateInvoice[]> {
    const rows = await this.uow.rows<{ id: string; number: string; member_id: string; status: InvoiceStatus; open_cents: string; due_date: string; batched: boolean }>(
      `SELECT i.id, i.number, i.member_id, i.status, i.amount_cents - i.paid_cents AS open_cents, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
              EXISTS (SELECT 1 FROM sepa_collection_items s WHERE s.cooperative_id = i.cooperative_id AND s.invoice_id = i.id AND s.active) AS batched
         FROM invoices i
        WHERE i.cooperative_id = $1
          AND ($2::date IS NULL OR i.due_date <= $2::date)
          AND CASE WHEN $3::uuid[] IS NULL
                   THEN i.status = 'open' AND NOT EXISTS (SELECT 1 FROM sepa_collection_items s WHERE s.cooperative_id = i.cooperative_id AND s.invoice_id = i.id AND s.active)
                        -- The first try and two retries returned, or disputed by the member (MD06): no automatic next try.
                        AND NOT EXISTS (SELECT 1 FROM sepa_collection_items r WHERE r.cooperative_id = i.cooperative_id AND r.invoice_id = i.id AND r.status = 'returned'
                                         GROUP BY r.invoice_id HAVING count(*) >= ${MAX_RETURNS_BEFORE_STOP} OR bool_or(r.return_reason = 'MD06'))
                   ELSE i.id = ANY($3::uuid[]) END
        ORDER BY i.due_date, i.year, i.sequence`,
      [cooperativeId, filter.dueThrough, filter.invoiceIds],
    );
    return rows.map((r) => ({ invoiceId: r.id, number: r.number, memberId: r.member_id, status: r.status, openCents: Number(r.open_cents), dueDate: r.due_date, batched: r.batched }));
  }

  /** The collected item a bank line's end-to-end id refers to, with its batch's state. */
  async itemByEndToEnd(cooperativeId: CooperativeId, endToEndId: string): Promise<{ itemId: string; batchId: string; batchStatus: BatchStatus; invoiceId: string; mandateId: string; amountCents: number; status: ItemStatus } | null> {
    const [row] = await this.uow.rows<{ id: string; batch_id: string; batch_status: BatchStatus; invoice_id: string; mandate_id: string; amount_cents: string; status: ItemStatus }>(
      `SELECT i.id, i.batch_id, b.status AS batch_status, i.invoice_id, i.mandate_id, i.amount_cents, i.status
         FROM sepa_collection_items i JOIN sepa_collection_batches b ON b.cooperative_id = i.cooperative_id AND b.id = i.batch_id
        WHERE i.cooperative_id = $1 AND i.end_to_end_id = $2`,
      [cooperativeId, endToEndId],
    );
    return row ? { itemId: row.id, batchId: row.batch_id, batchStatus: row.batch_status, invoiceId: row.invoice_id, mandateId: row.mandate_id, amountCents: Number(row.amount_cents), status: row.status } : null;
  }

  /** The debtor's bank sent the collection back: the item no longer holds its invoice. False when it was returned already. */
  async markReturned(cooperativeId: CooperativeId, itemId: string, reason: string, returnedOn: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE sepa_collection_items SET status = 'returned', active = false, return_reason = $3, returned_on = $4
        WHERE cooperative_id = $1 AND id = $2 AND status IN ('pending', 'collected') RETURNING id`,
      [cooperativeId, itemId, reason, returnedOn],
    );
    return rows.length === 1;
  }

  /** The exported batch whose message id or total a gross bank line carries. */
  async exportedBatchFor(cooperativeId: CooperativeId, reference: string | null, amountCents: number): Promise<string | null> {
    const rows = await this.uow.rows<{ id: string }>(
      `SELECT b.id FROM sepa_collection_batches b
        WHERE b.cooperative_id = $1 AND b.status = 'exported'
          AND ($2::text IS NOT NULL AND position(b.message_id in $2::text) > 0
               OR (SELECT sum(i.amount_cents) FROM sepa_collection_items i WHERE i.cooperative_id = b.cooperative_id AND i.batch_id = b.id AND i.status IN ('pending', 'collected')) = $3)`,
      [cooperativeId, reference, amountCents],
    );
    return rows.length === 1 ? rows[0].id : null;
  }

  /** Those of these mandates that an item of a live batch already collects on. */
  async mandatesInUse(cooperativeId: CooperativeId, mandateIds: string[]): Promise<Set<string>> {
    if (mandateIds.length === 0) return new Set();
    const rows = await this.uow.rows<{ mandate_id: string }>(
      `SELECT DISTINCT mandate_id FROM sepa_collection_items WHERE cooperative_id = $1 AND mandate_id = ANY($2::uuid[]) AND active`,
      [cooperativeId, mandateIds],
    );
    return new Set(rows.map((r) => r.mandate_id));
  }

  /** A new draft, numbered on from the cooperative's last batch (a racing insert of the same number fails on the unique key). */
  async insertBatch(cooperativeId: CooperativeId, b: { collectionDate: string; dueThrough: string | null; createdBy: string | null }): Promise<SepaCollectionBatch> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO sepa_collection_batches (cooperative_id, number, collection_date, due_through, created_by)
       SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4 FROM sepa_collection_batches WHERE cooperative_id = $1
       RETURNING id`,
      [cooperativeId, b.collectionDate, b.dueThrough, b.createdBy],
    );
    return (await this.find(cooperativeId, row.id)) as SepaCollectionBatch;
  }

  /**
   * Writes every item in one statement, for invoices still open: the amount open now, the end-to-end id
   * `<invoice number>-<attempt>` (an earlier, cancelled attempt keeps its id), the invoice number and
   * betalingskenmerk as remittance. Returns how many were written.
   */
  async insertItems(cooperativeId: CooperativeId, batchId: string, items: ItemMandate[]): Promise<number> {
    const rows = await this.uow.rows<{ id: string }>(
      `INSERT INTO sepa_collection_items (cooperative_id, batch_id, invoice_id, member_id, mandate_id, sequence_type, amount_cents, end_to_end_id, remittance,
                                          mandate_reference, debtor_name, iban, bic)
       SELECT $1, $2, i.id, i.member_id, m.mandate_id, m.sequence_type, i.amount_cents - i.paid_cents,
              i.number || '-' || (1 + (SELECT count(*) FROM sepa_collection_items p WHERE p.cooperative_id = $1 AND p.invoice_id = i.id)),
              'Factuur ' || i.number || ' betalingskenmerk ' || i.payment_reference,
              m.mandate_reference, m.debtor_name, m.iban, m.bic
         FROM jsonb_to_recordset($3::jsonb) AS m(invoice_id uuid, mandate_id uuid, sequence_type text, mandate_reference text, debtor_name text, iban text, bic text)
         JOIN invoices i ON i.cooperative_id = $1 AND i.id = m.invoice_id AND i.status = 'open' AND i.amount_cents > i.paid_cents
       RETURNING id`,
      [
        cooperativeId,
        batchId,
        JSON.stringify(
          items.map((m) => ({
            invoice_id: m.invoiceId,
            mandate_id: m.mandateId,
            sequence_type: m.sequenceType,
            mandate_reference: m.mandateReference,
            debtor_name: m.debtorName,
            iban: m.iban,
            bic: m.bic,
          })),
        ),
      ],
    );
    return rows.length;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<SepaCollectionBatch | null> {
    return this.batches.findOneBy({ cooperativeId, id });
  }

  /** Newest first, each with its number of items and the total to collect (skipped items left out). */
  async list(cooperativeId: CooperativeId, filter: { status?: BatchStatus }, page: { page: number; pageSize: number }): Promise<BatchSummary[]> {
    const batches = await this.batches.find({
      where: { cooperativeId, ...(filter.status ? { status: filter.status } : {}) },
      order: { number: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    const totals = await this.totals(cooperativeId, batches.map((b) => b.id));
    return batches.map((batch) => ({ batch, ...(totals.get(batch.id) ?? { itemCount: 0, skippedCount: 0, totalCents: 0 }) }));
  }

  async totals(cooperativeId: CooperativeId, batchIds: string[]): Promise<Map<string, Omit<BatchSummary, 'batch'>>> {
    if (batchIds.length === 0) return new Map();
    const rows = await this.uow.rows<{ batch_id: string; item_count: number; skipped_count: number; total_cents: string }>(
      `SELECT batch_id, count(*) FILTER (WHERE status <> 'skipped')::int AS item_count, count(*) FILTER (WHERE status = 'skipped')::int AS skipped_count,
              coalesce(sum(amount_cents) FILTER (WHERE status <> 'skipped'), 0) AS total_cents
         FROM sepa_collection_items WHERE cooperative_id = $1 AND batch_id = ANY($2::uuid[]) GROUP BY batch_id`,
      [cooperativeId, batchIds],
    );
    return new Map(rows.map((r) => [r.batch_id, { itemCount: r.item_count, skippedCount: r.skipped_count, totalCents: Number(r.total_cents) }]));
  }

  /** The batch's items with their invoice as it is now and the member's name as invoiced, in invoice order. */
  async items(cooperativeId: CooperativeId, batchId: string): Promise<BatchItemRow[]> {
    const rows = await this.uow.rows<Record<string, unknown>>(
      `SELECT s.id, s.invoice_id, i.number AS invoice_number, i.status AS invoice_status, i.amount_cents - i.paid_cents AS invoice_open_cents,
              s.member_id, i.billed_to->>'name' AS member_name, s.mandate_id, s.mandate_reference, to_char(m.signed_on, 'YYYY-MM-DD') AS mandate_signed_on,
              s.debtor_name, s.iban, s.bic, s.sequence_type, s.amount_cents, s.end_to_end_id, s.remittance, s.status, s.skip_reason
         FROM sepa_collection_items s
         JOIN invoices i ON i.cooperative_id = s.cooperative_id AND i.id = s.invoice_id
         JOIN sepa_mandates m ON m.cooperative_id = s.cooperative_id AND m.id = s.mandate_id
        WHERE s.cooperative_id = $1 AND s.batch_id = $2
        ORDER BY i.year, i.sequence, s.id`,
      [cooperativeId, batchId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      invoiceId: r.invoice_id as string,
      invoiceNumber: r.invoice_number as string,
      invoiceStatus: r.invoice_status as InvoiceStatus,
      invoiceOpenCents: Number(r.invoice_open_cents),
      memberId: r.member_id as string,
      memberName: (r.member_name as string | null) ?? null,
      mandateId: r.mandate_id as string,
      mandateReference: r.mandate_reference as string,
      mandateSignedOn: r.mandate_signed_on as string,
      debtorName: r.debtor_name as string,
      iban: r.iban as string,
      bic: (r.bic as string | null) ?? null,
      sequenceType: r.sequence_type as SequenceType,
      amountCents: Number(r.amount_cents),
      endToEndId: r.end_to_end_id as string,
      remittance: r.remittance as string,
      status: r.status as ItemStatus,
      skipReason: (r.skip_reason as string | null) ?? null,
    }));
  }

  /** draft → exported, only if still a draft: of two racing exports, the one whose UPDATE matched wins. */
  async markExported(cooperativeId: CooperativeId, id: string, file: ExportedFile): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE sepa_collection_batches SET status = 'exported', message_id = $3, pain_version = $4, exported_at = $5, file_xml = $6
        WHERE cooperative_id = $1 AND id = $2 AND status = 'draft' RETURNING id`,
      [cooperativeId, id, file.messageId, file.painVersion, file.exportedAt, file.fileXml],
    );
    return rows.length === 1;
  }

  /** Records what the export did with each item, in one statement; a skipped item frees its invoice. */
  async applyExport(cooperativeId: CooperativeId, batchId: string, outcomes: ItemOutcome[]): Promise<void> {
    await this.uow.rows(
      `UPDATE sepa_collection_items s
          SET status = o.status, skip_reason = o.skip_reason, active = (o.status <> 'skipped'), amount_cents = o.amount_cents, sequence_type = o.sequence_type,
              mandate_reference = o.mandate_reference, debtor_name = o.debtor_name, iban = o.iban, bic = o.bic
         FROM jsonb_to_recordset($3::jsonb) AS o(id uuid, status text, skip_reason text, amount_cents bigint, sequence_type text, mandate_reference text, debtor_name text, iban text, bic text)
        WHERE s.cooperative_id = $1 AND s.batch_id = $2 AND s.id = o.id`,
      [
        cooperativeId,
        batchId,
        JSON.stringify(
          outcomes.map((o) => ({
            id: o.id,
            status: o.status,
            skip_reason: o.skipReason,
            amount_cents: o.amountCents,
            sequence_type: o.sequenceType,
            mandate_reference: o.mandateReference,
            debtor_name: o.debtorName,
            iban: o.iban,
            bic: o.bic,
          })),
        ),
      ],
    );
  }

  /** exported → booked, only if still exported. */
  async markBooked(cooperativeId: CooperativeId, id: string, bookedOn: string): Promise<boolean> {
    const rows = await this.uow.rows(`UPDATE sepa_collection_batches SET status = 'booked', booked_on = $3 WHERE cooperative_id = $1 AND id = $2 AND status = 'exported' RETURNING id`, [
      cooperativeId,
      id,
      bookedOn,
    ]);
    return rows.length === 1;
  }

  /** draft → cancelled, only if still a draft; its items let go of their invoices in the same statement. */
  async cancel(cooperativeId: CooperativeId, id: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `WITH cancelled AS (
         UPDATE sepa_collection_batches SET status = 'cancelled', cancelled_at = now() WHERE cooperative_id = $1 AND id = $2 AND status = 'draft' RETURNING id
       ), released AS (
         UPDATE sepa_collection_items SET active = false WHERE cooperative_id = $1 AND batch_id IN (SELECT id FROM cancelled) RETURNING id
       )
       SELECT id FROM cancelled`,
      [cooperativeId, id],
    );
    return rows.length === 1;
  }
}
