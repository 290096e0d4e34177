import { select as sut } from './collection-batches.service';
import type { CandidateInvoice } from './collection-batches.repository';
import type { CollectableMandate } from './sepa-mandates.service';

const invoice = (n: number, memberId: string, overrides: Partial<CandidateInvoice> = {}): CandidateInvoice => ({
  invoiceId: `invoice-${n}`,
  number: `2026-00000${n}`,
  memberId,
  status: 'open',
  openCents: 1000,
  dueDate: '2026-12-01',
  batched: false,
  ...overrides,
});
const mandate = (memberId: string, mandateId: string, sequenceType: CollectableMandate['sequenceType']): CollectableMandate => ({
  mandateId,
  memberId,
  reference: `REF-${mandateId}`,
  debtorName: 'Rekeninghouder',
  iban: 'NL20INGB0001234567',
  bic: null,
  signedOn: '2026-01-01',
  sequenceType,
  amendment: null,
});

describe('selecting the invoices of a collection batch', () => {
  const mandates = new Map([
    ['anna', mandate('anna', 'm-anna', 'FRST')],
    ['chris', mandate('chris', 'm-chris', 'OOFF')],
  ]);

  it('takes every open invoice of a member with a recurrent mandate, with its sequence type', () => {
    const { selected, refused } = sut([invoice(1, 'anna'), invoice(2, 'anna')], mandates, new Set());
    expect(selected.map((s) => [s.invoiceId, s.mandateId, s.sequenceType])).toEqual([
      ['invoice-1', 'm-anna', 'FRST'],
      ['invoice-2', 'm-anna', 'FRST'],
    ]);
    expect(refused).toEqual([]);
  });

  it('collects one invoice, the first (oldest), on a one-off mandate', () => {
    const { selected, refused } = sut([invoice(3, 'chris'), invoice(4, 'chris')], mandates, new Set());
    expect(selected.map((s) => s.invoiceId)).toEqual(['invoice-3']);
    expect(refused.map((r) => [r.invoice.invoiceId, r.reason])).toEqual([['invoice-4', 'the member’s one-off mandate collects one invoice only']]);
  });

  it('leaves a one-off mandate alone that another batch collects on', () => {
    const { selected, refused } = sut([invoice(3, 'chris')], mandates, new Set(['m-chris']));
    expect(selected).toEqual([]);
    expect(refused[0].reason).toBe('the member’s one-off mandate is used in another batch already');
  });

  it.each([
    ['a paid invoice', invoice(5, 'anna', { status: 'paid' }), 'the invoice is paid'],
    ['a cancelled invoice', invoice(5, 'anna', { status: 'cancelled' }), 'the invoice is cancelled'],
    ['an invoice in another batch', invoice(5, 'anna', { batched: true }), 'the invoice is in another batch already'],
    ['a member without a mandate', invoice(5, 'dirk'), 'the member has no mandate to collect on'],
  ])('refuses %s, saying why', (_, candidate, reason) => {
    const { selected, refused } = sut([candidate], mandates, new Set());
    expect(selected).toEqual([]);
    expect(refused).toEqual([{ invoice: candidate, reason }]);
  });
});
