import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MandateKind, MandateStatus, SepaMandate } from './entities/sepa-mandate.entity';
import { SepaMandateAmendment } from './entities/sepa-mandate-amendment.entity';

export interface NewMandate {
  memberId: string;
  reference: string;
  debtorName: string;
  iban: string;
  bic: string | null;
  signedOn: string;
  kind: MandateKind;
  signedVia: 'member' | 'treasurer';
  createdBy: string;
}

/** What amendments still to be reported add up to: the details the bank knew before the first of them. */
export interface PendingAmendment {
  originalReference: string | null;
  originalIban: string | null;
  originalBic: string | null;
}

export interface MandateChange {
  reference: string;
  iban: string;
  bic: string | null;
  debtorName: string;
}

@Injectable()
export class SepaMandatesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get mandates() {
    return this.uow.manager().getRepository(SepaMandate);
  }

  find(cooperativeId: CooperativeId, id: string): Promise<SepaMandate | null> {
    return this.mandates.findOneBy({ cooperativeId, id });
  }

  list(cooperativeId: CooperativeId, filter: { memberId?: string; status?: MandateStatus }, page: { page: number; pageSize: number }): Promise<SepaMandate[]> {
    return this.mandates.find({
      where: { cooperativeId, ...(filter.memberId ? { memberId: filter.memberId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
  }

  ofMember(cooperativeId: CooperativeId, memberId: string): Promise<SepaMandate[]> {
    return this.mandates.find({ where: { cooperativeId, memberId }, order: { createdAt: 'DESC' } });
  }

  async countOfMember(cooperativeId: CooperativeId, memberId: string): Promise<number> {
    const [row] = await this.uow.rows<{ n: number }>(`SELECT count(*)::int AS n FROM sepa_mandates WHERE cooperative_id = $1 AND member_id = $2`, [cooperativeId, memberId]);
    return row.n;
  }

  /** A reference in use now, or used before an amendment (the bank may still know the mandate by it). */
  async referenceTaken(cooperativeId: CooperativeId, reference: string, exceptMandateId: string | null = null): Promise<boolean> {
    const [row] = await this.uow.rows<{ taken: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM sepa_mandates WHERE cooperative_id = $1 AND reference = $2 AND id IS DISTINCT FROM $3::uuid)
           OR EXISTS (SELECT 1 FROM sepa_mandate_amendments WHERE cooperative_id = $1 AND original_reference = $2 AND mandate_id IS DISTINCT FROM $3::uuid) AS taken`,
      [cooperativeId, reference, exceptMandateId],
    );
    return row.taken;
  }

  /** Inserts unless the reference is taken (then null: the caller picks another or reports it). */
  async insert(cooperativeId: CooperativeId, m: NewMandate): Promise<SepaMandate | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO sepa_mandates (cooperative_id, member_id, reference, debtor_name, iban, bic, signed_on, kind, signed_via, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cooperative_id, reference) DO NOTHING RETURNING id`,
      [cooperativeId, m.memberId, m.reference, m.debtorName, m.iban, m.bic, m.signedOn, m.kind, m.signedVia, m.createdBy],
    );
    return row ? this.find(cooperativeId, row.id) : null;
  }

  /**
   * Changes the mandate only if it still holds what the caller read, is active and not a spent one-off.
   * Returns whether it had been collected before (null when the update lost a race or was not allowed).
   */
  async change(cooperativeId: CooperativeId, id: string, expected: { reference: string; iban: string }, change: MandateChange): Promise<{ collected: boolean } | null> {
    const [row] = await this.uow.rows<{ collected: boolean }>(
      `UPDATE sepa_mandates SET reference = $5, iban = $6, bic = $7, debtor_name = $8
        WHERE cooperative_id = $1 AND id = $2 AND reference = $3 AND iban = $4 AND status = 'active' AND (kind = 'recurrent' OR first_collected_on IS NULL)
       RETURNING first_collected_on IS NOT NULL AS collected`,
      [cooperativeId, id, expected.reference, expected.iban, change.reference, change.iban, change.bic, change.debtorName],
    );
    return row ?? null;
  }

  async insertAmendment(
    cooperativeId: CooperativeId,
    a: Pick<SepaMandateAmendment, 'mandateId' | 'amendedOn' | 'originalReference' | 'originalIban' | 'originalBic' | 'pending' | 'reason' | 'recordedBy'>,
  ): Promise<void> {
    await this.uow.rows(
      `INSERT INTO sepa_mandate_amendments (cooperative_id, mandate_id, amended_on, original_reference, original_iban, original_bic, pending, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [cooperativeId, a.mandateId, a.amendedOn, a.originalReference, a.originalIban, a.originalBic, a.pending, a.reason, a.recordedBy],
    );
  }

  amendments(cooperativeId: CooperativeId, mandateIds: string[]): Promise<SepaMandateAmendment[]> {
    return this.uow.manager().getRepository(SepaMandateAmendment).find({ where: { cooperativeId, mandateId: In(mandateIds) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** Only an active mandate is revoked; false when it was not (already revoked, or revoked by a racing request). */
  async revoke(cooperativeId: CooperativeId, id: string, revokedOn: string, reason: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE sepa_mandates SET status = 'revoked', revoked_on = $3, revocation_reason = $4 WHERE cooperative_id = $1 AND id = $2 AND status = 'active' RETURNING id`,
      [cooperativeId, id, revokedOn, reason],
    );
    return rows.length === 1;
  }

  async membersWithIban(cooperativeId: CooperativeId, iban: string): Promise<string[]> {
    const rows = await this.uow.rows<{ member_id: string }>(`SELECT DISTINCT member_id FROM sepa_mandates WHERE cooperative_id = $1 AND iban = $2`, [cooperativeId, iban]);
    return rows.map((r) => r.member_id);
  }

  /** Active mandates of these members, each with what its pending amendments add up to. */
  async activeWithPending(cooperativeId: CooperativeId, memberIds: string[]): Promise<Array<{ mandate: SepaMandate; pending: PendingAmendment | null }>> {
    const mandates = await this.mandates.find({ where: { cooperativeId, memberId: In(memberIds), status: 'active' }, order: { memberId: 'ASC', signedOn: 'DESC', createdAt: 'DESC' } });
    const pending = mandates.length
      ? await this.uow.rows<{ mandate_id: string; original_reference: string | null; original_iban: string | null; original_bic: string | null }>(
          `SELECT mandate_id,
                  (array_agg(original_reference ORDER BY recorded_at) FILTER (WHERE original_reference IS NOT NULL))[1] AS original_reference,
                  (array_agg(original_iban ORDER BY recorded_at) FILTER (WHERE original_iban IS NOT NULL))[1] AS original_iban,
                  (array_agg(original_bic ORDER BY recorded_at) FILTER (WHERE original_iban IS NOT NULL))[1] AS original_bic
             FROM sepa_mandate_amendments
            WHERE cooperative_id = $1 AND mandate_id = ANY($2::uuid[]) AND pending
            GROUP BY mandate_id`,
          [cooperativeId, mandates.map((m) => m.id)],
        )
      : [];
    const byMandate = new Map(pending.map((p) => [p.mandate_id, { originalReference: p.original_reference, originalIban: p.original_iban, originalBic: p.original_bic }]));
    return mandates.map((mandate) => ({ mandate, pending: byMandate.get(mandate.id) ?? null }));
  }

  /**
   * Books a collection on these mandates in one statement: active ones only, a one-off only once; their pending
   * amendments count as reported. Returns the ids that were marked.
   */
  async markCollected(cooperativeId: CooperativeId, mandateIds: string[], collectedOn: string): Promise<string[]> {
    const rows = await this.uow.rows<{ id: string }>(
      `WITH marked AS (
         UPDATE sepa_mandates SET first_collected_on = coalesce(first_collected_on, $3::date), last_collected_on = greatest(last_collected_on, $3::date)
          WHERE cooperative_id = $1 AND id = ANY($2::uuid[]) AND status = 'active' AND (kind = 'recurrent' OR first_collected_on IS NULL)
         RETURNING id
       ), carried AS (
         UPDATE sepa_mandate_amendments SET pending = false, carried_on = $3::date
          WHERE cooperative_id = $1 AND pending AND mandate_id IN (SELECT id FROM marked)
         RETURNING id
       )
       SELECT id FROM marked`,
      [cooperativeId, mandateIds, collectedOn],
    );
    return rows.map((r) => r.id);
  }
}
