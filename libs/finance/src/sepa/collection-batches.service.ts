import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, dutchDate } from '@buurtcoop/core';
import { BANK_ACCOUNT } from '../invoices/invoices.service';
import { InvoicePayments } from '../invoices/invoice-payments.port';
import { CollectionTransaction, PainVersion, writePain008 } from './pain008';
import { CollectableMandate, SepaMandatesService } from './sepa-mandates.service';
import { SepaSettingsService } from './sepa-settings.service';
import { SepaError, SepaErrorCode } from './sepa.errors';
import { BatchItemRow, BatchSummary, CandidateInvoice, CollectionBatchesRepository, ItemMandate, ItemOutcome } from './collection-batches.repository';
import { BatchStatus, SepaCollectionBatch } from './entities/sepa-collection-batch.entity';
import { addMonths, earliestCollectionDate, isTargetBusinessDay } from './target-calendar';

/** The furthest ahead a collection may be planned. */
export const MAX_MONTHS_AHEAD = 14;

export interface CreateBatchInput {
  collectionDate: string;
  dueThrough?: string;
  invoiceIds?: string[];
}

export interface BatchDetail extends BatchSummary {
  items: BatchItemRow[];
}

export interface CollectionFileDownload {
  filename: string;
  xml: string;
}

/**
 * SEPA direct-debit collection batches: the treasurer drafts one from the open invoices of members with a
 * mandate, downloads its pain.008 file for the bank (once exported, the file never changes), and books it when
 * the bank has credited the collection. Every transition is a conditional update, so of two racing requests one
 * wins and the other is told what happened.
 */
@Injectable()
export class CollectionBatchesService {
  constructor(
    private readonly batches: CollectionBatchesRepository,
    private readonly mandates: SepaMandatesService,
    private readonly settings: SepaSettingsService,
    private readonly payments: InvoicePayments,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(cooperativeId: CooperativeId, query: { status?: BatchStatus; page?: number; pageSize?: number }): Promise<BatchSummary[]> {
    return this.batches.list(cooperativeId, { status: query.status }, { page: query.page ?? 1, pageSize: query.pageSize ?? 25 });
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<BatchDetail> {
    const batch = await this.require(cooperativeId, id);
    const items = await this.batches.items(cooperativeId, id);
    const collected = items.filter((i) => i.status !== 'skipped');
    return { batch, items, itemCount: collected.length, skippedCount: items.length - collected.length, totalCents: collected.reduce((sum, i) => sum + i.amountCents, 0) };
  }

  /**
   * A draft with one item per open invoice whose member has a mandate to collect on: with `invoiceIds` exactly
   * those (each must qualify), otherwise every one due on or before `dueThrough` (default: the collection date)
   * that is in no other batch.
   */
  async create(actor: Actor, cooperativeId: CooperativeId, input: CreateBatchInput): Promise<BatchDetail> {
    this.checkCollectionDate(input.collectionDate);
    if (input.dueThrough && input.dueThrough > input.collectionDate) {
      throw new SepaError(SepaErrorCode.CollectionDate, 'dueThrough must not be after the collection date: an invoice is not collected before it is due', 'dueThrough');
    }
    await this.settings.creditor(cooperativeId);
    const explicit = input.invoiceIds ? [...new Set(input.invoiceIds)] : null;
    const dueThrough = input.dueThrough ?? (explicit ? null : input.collectionDate);
    const candidates = await this.batches.candidates(cooperativeId, { dueThrough, invoiceIds: explicit });
    const collectable = await this.mandates.collectableMandates(cooperativeId, [...new Set(candidates.filter((c) => c.status === 'open').map((c) => c.memberId))]);
    const chosen = mandateOfMember(collectable);
    // A one-off mandate another draft already collects on is spent as soon as that draft is exported.
    const oneOffs = [...chosen.values()].filter((m) => m.sequenceType === 'OOFF').map((m) => m.mandateId);
    const { selected, refused } = select(candidates, chosen, await this.batches.mandatesInUse(cooperativeId, oneOffs));
    if (explicit) {
      const found = new Set(candidates.map((c) => c.invoiceId));
      const missing = explicit.filter((id) => !found.has(id)).map((id) => `${id}: not found${dueThrough ? ` or due after ${dueThrough}` : ''}`);
      const problems = [...missing, ...refused.map((r) => `${r.invoice.number}: ${r.reason}`)];
      if (problems.length) throw new SepaError(SepaErrorCode.InvoicesNotCollectable, `These invoices cannot be collected: ${problems.join('; ')}`, 'invoiceIds');
    }
    if (selected.length === 0) {
      throw new SepaError(
        SepaErrorCode.NothingToCollect,
        `Nothing to collect: no open invoice due on or before ${dueThrough} belongs to a member with a mandate to collect on, or they are all in another batch already`,
        'collectionDate',
      );
    }
    const batch = await this.batches.insertBatch(cooperativeId, { collectionDate: input.collectionDate, dueThrough, createdBy: actor.userId });
    const written = await this.batches.insertItems(cooperativeId, batch.id, selected);
    if (written !== selected.length) throw new SepaError(SepaErrorCode.ConcurrentChange, 'Some invoices changed while the batch was drafted; try again');
    await this.audit.record({ action: 'sepa.batch.create', objectType: 'sepa_collection_batch', objectId: batch.id, details: { number: batch.number, collectionDate: input.collectionDate, dueThrough, items: written } });
    return this.get(cooperativeId, batch.id);
  }

  async cancel(cooperativeId: CooperativeId, id: string): Promise<BatchDetail> {
    const batch = await this.require(cooperativeId, id);
    if (!(await this.batches.cancel(cooperativeId, id))) throw await this.stateError(cooperativeId, batch, 'cancelled', 'Only a draft can be cancelled');
    await this.audit.record({ action: 'sepa.batch.cancel', objectType: 'sepa_collection_batch', objectId: id, details: { number: batch.number } });
    return this.get(cooperativeId, id);
  }

  /**
   * The pain.008 file. The first download exports the draft: it refreshes each item (an invoice paid or cancelled
   * meanwhile, or a mandate no longer collectable, is skipped with a note; the open amount and the mandate's
   * current account and sequence type are taken), writes the file, keeps it, and marks the mandates collected so
   * the next batch is RCUR. Later downloads return the kept file unchanged.
   */
  async export(cooperativeId: CooperativeId, id: string, version?: PainVersion): Promise<CollectionFileDownload> {
    const batch = await this.require(cooperativeId, id);
    if (batch.status === 'draft') {
      const exported = await this.exportDraft(cooperativeId, batch, version);
      if (exported) return exported;
    }
    // Exported before, or by a racing request just now.
    const current = await this.require(cooperativeId, id);
    if (current.status === 'cancelled' || !current.fileXml || !current.painVersion) {
      throw new SepaError(SepaErrorCode.BatchState, `Batch ${current.number} is ${current.status}: it has no file`);
    }
    if (version && version !== current.painVersion) {
      throw new SepaError(SepaErrorCode.VersionFixed, `Batch ${current.number} was exported as pain.008${current.painVersion}; the file cannot change`, 'version');
    }
    return { filename: filename(current), xml: current.fileXml };
  }

  /** Books the money the bank credited: each collected invoice paid (D 1100 Bank / C 1300 Debiteuren leden). */
  async book(cooperativeId: CooperativeId, id: string, bookedOn: string): Promise<BatchDetail> {
    const batch = await this.require(cooperativeId, id);
    if (batch.status !== 'exported') throw await this.stateError(cooperativeId, batch, 'booked', 'Only an exported batch can be booked');
    if (bookedOn > this.today()) throw new SepaError(SepaErrorCode.BookingDate, 'bookedOn must not be in the future', 'bookedOn');
    if (bookedOn < batch.collectionDate) throw new SepaError(SepaErrorCode.BookingDate, `bookedOn must not be before the collection date (${batch.collectionDate})`, 'bookedOn');
    // Two racing bookings both read 'exported'; only the UPDATE that matched may post to the ledger.
    if (!(await this.batches.markBooked(cooperativeId, id, bookedOn))) throw await this.stateError(cooperativeId, batch, 'booked', 'Only an exported batch can be booked');
    const items = (await this.batches.items(cooperativeId, id)).filter((i) => i.status === 'collected');
    for (const item of items) {
      await this.payments.recordPayment(
        cooperativeId,
        {
          invoiceId: item.invoiceId,
          amountCents: item.amountCents,
          paidOn: bookedOn,
          method: 'sepa',
          debitAccountCode: BANK_ACCOUNT,
          idempotencyKey: `sepa:${id}:${item.id}`,
          description: `SEPA-incasso ${batch.number}: factuur ${item.invoiceNumber}`,
          memberId: item.memberId,
        },
        null,
      );
    }
    await this.audit.record({
      action: 'sepa.batch.book',
      objectType: 'sepa_collection_batch',
      objectId: id,
      details: { number: batch.number, bookedOn, items: items.length, totalCents: items.reduce((sum, i) => sum + i.amountCents, 0) },
    });
    return this.get(cooperativeId, id);
  }

  private async exportDraft(cooperativeId: CooperativeId, batch: SepaCollectionBatch, version?: PainVersion): Promise<CollectionFileDownload | null> {
    const { creditor, painVersion } = await this.settings.creditor(cooperativeId);
    const items = await this.batches.items(cooperativeId, batch.id);
    const current = new Map((await this.mandates.collectableMandates(cooperativeId, [...new Set(items.map((i) => i.memberId))])).map((m) => [m.mandateId, m]));
    const outcomes = items.map((item) => refresh(item, current.get(item.mandateId)));
    const collected = outcomes.filter((o) => o.outcome.status === 'collected');
    if (collected.length === 0) {
      throw new SepaError(
        SepaErrorCode.NothingToCollect,
        `Nothing left to collect in batch ${batch.number}: ${outcomes.map((o) => `${o.item.invoiceNumber} ${o.outcome.skipReason}`).join('; ')}. Cancel it`,
      );
    }
    const exportedAt = this.clock.now();
    const file = {
      messageId: `SDD-${String(batch.number).padStart(6, '0')}-${batch.collectionDate.replace(/-/g, '')}`,
      painVersion: version ?? painVersion,
      exportedAt,
    };
    const xml = writePain008({
      version: file.painVersion,
      messageId: file.messageId,
      createdAt: exportedAt,
      creditor,
      collectionDate: batch.collectionDate,
      transactions: collected.map(({ item, outcome, mandate }): CollectionTransaction => ({
        endToEndId: item.endToEndId,
        amountCents: outcome.amountCents,
        mandateId: outcome.mandateReference,
        mandateSignedOn: mandate?.signedOn ?? item.mandateSignedOn,
        sequenceType: outcome.sequenceType,
        amendment: mandate?.amendment ?? null,
        debtorName: outcome.debtorName,
        debtorIban: outcome.iban,
        debtorBic: outcome.bic,
        remittance: item.remittance,
      })),
    });
    if (!(await this.batches.markExported(cooperativeId, batch.id, { ...file, fileXml: xml }))) return null;
    await this.batches.applyExport(cooperativeId, batch.id, outcomes.map((o) => o.outcome));
    await this.mandates.markCollected(cooperativeId, collected.map((c) => c.item.mandateId), batch.collectionDate);
    const skipped = outcomes.filter((o) => o.outcome.status === 'skipped');
    await this.audit.record({
      action: 'sepa.batch.export',
      objectType: 'sepa_collection_batch',
      objectId: batch.id,
      details: {
        number: batch.number,
        messageId: file.messageId,
        painVersion: file.painVersion,
        collected: collected.length,
        totalCents: collected.reduce((sum, c) => sum + c.outcome.amountCents, 0),
        skipped: skipped.map((s) => ({ invoice: s.item.invoiceNumber, reason: s.outcome.skipReason })),
      },
    });
    return { filename: filename(batch), xml };
  }

  /** SEPA Core since rulebook 9.2: D-1 for every sequence type; a TARGET2 business day; at most 14 months ahead. */
  private checkCollectionDate(collectionDate: string): void {
    const today = this.today();
    if (!isTargetBusinessDay(collectionDate)) {
      throw new SepaError(SepaErrorCode.CollectionDate, `collectionDate ${collectionDate} is not a TARGET2 business day (weekends, 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December are not)`, 'collectionDate');
    }
    const earliest = earliestCollectionDate(today);
    if (collectionDate < earliest) {
      throw new SepaError(SepaErrorCode.CollectionDate, `collectionDate must be at least one business day after the file reaches the bank: ${earliest} at the earliest`, 'collectionDate');
    }
    const latest = addMonths(today, MAX_MONTHS_AHEAD);
    if (collectionDate > latest) throw new SepaError(SepaErrorCode.CollectionDate, `collectionDate must not be more than ${MAX_MONTHS_AHEAD} months ahead (${latest} at the latest)`, 'collectionDate');
  }

  private async stateError(cooperativeId: CooperativeId, read: SepaCollectionBatch, target: string, rule: string): Promise<SepaError> {
    const now = (await this.batches.find(cooperativeId, read.id)) ?? read;
    return new SepaError(SepaErrorCode.BatchState, `Batch ${now.number} is ${now.status} and cannot be ${target}. ${rule}`, undefined, { batchStatus: now.status });
  }

  private async require(cooperativeId: CooperativeId, id: string): Promise<SepaCollectionBatch> {
    const batch = await this.batches.find(cooperativeId, id);
    if (!batch) throw new SepaError(SepaErrorCode.BatchNotFound, 'Collection batch was not found');
    return batch;
  }

  private today(): string {
    return dutchDate(this.clock.now());
  }
}

function filename(batch: SepaCollectionBatch): string {
  return `incasso-${batch.number}-${batch.collectionDate}.xml`;
}

/** Per member, the mandate to collect on: the newest recurrent one, else the newest one-off. */
function mandateOfMember(collectable: CollectableMandate[]): Map<string, CollectableMandate> {
  const chosen = new Map<string, CollectableMandate>();
  for (const m of collectable) {
    const had = chosen.get(m.memberId);
    if (!had || (had.sequenceType === 'OOFF' && m.sequenceType !== 'OOFF')) chosen.set(m.memberId, m);
  }
  return chosen;
}

/** Which candidates become items, and why the others cannot. Candidates come oldest first: a one-off mandate collects the oldest. */
export function select(
  candidates: CandidateInvoice[],
  mandates: Map<string, CollectableMandate>,
  oneOffsInUse: ReadonlySet<string>,
): { selected: ItemMandate[]; refused: Array<{ invoice: CandidateInvoice; reason: string }> } {
  const selected: ItemMandate[] = [];
  const refused: Array<{ invoice: CandidateInvoice; reason: string }> = [];
  const oneOffsUsed = new Set<string>();
  for (const invoice of candidates) {
    const mandate = mandates.get(invoice.memberId);
    const reason =
      invoice.status !== 'open'
        ? `the invoice is ${invoice.status}`
        : invoice.batched
          ? 'the invoice is in another batch already'
          : !mandate
            ? 'the member has no mandate to collect on'
            : mandate.sequenceType === 'OOFF' && oneOffsInUse.has(mandate.mandateId)
              ? 'the member’s one-off mandate is used in another batch already'
              : mandate.sequenceType === 'OOFF' && oneOffsUsed.has(mandate.mandateId)
                ? 'the member’s one-off mandate collects one invoice only'
                : null;
    if (reason || !mandate) {
      refused.push({ invoice, reason: reason ?? '' });
      continue;
    }
    if (mandate.sequenceType === 'OOFF') oneOffsUsed.add(mandate.mandateId);
    selected.push({ invoiceId: invoice.invoiceId, mandateId: mandate.mandateId, sequenceType: mandate.sequenceType, mandateReference: mandate.reference, debtorName: mandate.debtorName, iban: mandate.iban, bic: mandate.bic });
  }
  return { selected, refused };
}

/** What the export does with an item, given its invoice and mandate as they are now. */
function refresh(item: BatchItemRow, mandate: CollectableMandate | undefined): { item: BatchItemRow; mandate: CollectableMandate | undefined; outcome: ItemOutcome } {
  const keep = { id: item.id, sequenceType: item.sequenceType, mandateReference: item.mandateReference, debtorName: item.debtorName, iban: item.iban, bic: item.bic, amountCents: item.amountCents };
  const skipReason =
    item.invoiceStatus !== 'open'
      ? `invoice ${item.invoiceNumber} was ${item.invoiceStatus === 'paid' ? 'paid' : 'cancelled'} in the meantime`
      : !mandate
        ? `mandate ${item.mandateReference} can no longer be collected on (revoked, expired or a one-off already used)`
        : null;
  if (skipReason || !mandate) return { item, mandate, outcome: { ...keep, status: 'skipped', skipReason: skipReason ?? '' } };
  return {
    item,
    mandate,
    outcome: {
      id: item.id,
      status: 'collected',
      skipReason: null,
      amountCents: item.invoiceOpenCents,
      sequenceType: mandate.sequenceType,
      mandateReference: mandate.reference,
      debtorName: mandate.debtorName,
      iban: mandate.iban,
      bic: mandate.bic,
    },
  };
}
