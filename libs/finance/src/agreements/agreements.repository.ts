import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { AccountabilityDocument, CoFinanceAgreement, CoFinanceTarget, ReportingTier, TargetKind } from './entities/co-finance-agreement.entity';

export interface NewAgreement {
  id: string;
  municipalityId: string;
  reference: string;
  startsOn: string;
  endsOn: string;
  grantedCents: number;
  ratioNumerator: number;
  ratioDenominator: number;
  capCents: number;
  ownSourceAccountCodes: string[];
  tier: ReportingTier;
  smallMaxCents: number;
  mediumMaxCents: number;
  fundId: string;
}

const cents = (value: string | null) => Number(value ?? 0);

@Injectable()
export class AgreementsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when the kenmerk is taken. */
  async insert(cooperativeId: CooperativeId, a: NewAgreement, createdBy: string | null): Promise<CoFinanceAgreement | null> {
    const rows = await this.uow.rows<{ id: string }>(
      `INSERT INTO co_finance_agreements (cooperative_id, id, municipality_id, reference, starts_on, ends_on, granted_cents, ratio_numerator, ratio_denominator,
                                          cap_cents, own_source_account_codes, tier, small_max_cents, medium_max_cents, fund_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (cooperative_id, reference) DO NOTHING RETURNING id`,
      [cooperativeId, a.id, a.municipalityId, a.reference, a.startsOn, a.endsOn, a.grantedCents, a.ratioNumerator, a.ratioDenominator, a.capCents, a.ownSourceAccountCodes, a.tier, a.smallMaxCents, a.mediumMaxCents, a.fundId, createdBy],
    );
    return rows.length ? this.get(cooperativeId, a.id) : null;
  }

  async insertTargets(cooperativeId: CooperativeId, agreementId: string, targets: Array<{ kind: TargetKind; target: number }>): Promise<void> {
    if (targets.length === 0) return;
    await this.uow.rows(
      `INSERT INTO co_finance_targets (cooperative_id, agreement_id, kind, target) SELECT $1, $2, t.kind, t.target FROM jsonb_to_recordset($3::jsonb) AS t(kind text, target integer)`,
      [cooperativeId, agreementId, JSON.stringify(targets)],
    );
  }

  get(cooperativeId: CooperativeId, id: string): Promise<CoFinanceAgreement | null> {
    return this.uow.manager().getRepository(CoFinanceAgreement).findOneBy({ cooperativeId, id });
  }

  list(cooperativeId: CooperativeId): Promise<CoFinanceAgreement[]> {
    return this.uow.manager().getRepository(CoFinanceAgreement).find({ where: { cooperativeId }, order: { startsOn: 'DESC', reference: 'ASC' } });
  }

  /** The agreements the cooperative has with one municipality: what that municipality's reviewers may see. */
  withMunicipality(cooperativeId: CooperativeId, municipalityId: string): Promise<CoFinanceAgreement[]> {
    return this.uow.manager().getRepository(CoFinanceAgreement).find({ where: { cooperativeId, municipalityId }, order: { startsOn: 'DESC', reference: 'ASC' } });
  }

  targets(cooperativeId: CooperativeId, agreementIds: string[]): Promise<CoFinanceTarget[]> {
    if (agreementIds.length === 0) return Promise.resolve([]);
    return this.uow
      .manager()
      .getRepository(CoFinanceTarget)
      .createQueryBuilder('t')
      .where('t.cooperative_id = :cooperativeId AND t.agreement_id = ANY(:agreementIds)', { cooperativeId, agreementIds })
      .orderBy('t.kind')
      .getMany();
  }

  /** Income on the given accounts (credits minus debits, all funds) from entries dated in [from, through]. */
  async incomeOn(cooperativeId: CooperativeId, accountCodes: string[], from: string, through: string): Promise<number> {
    const [row] = await this.uow.rows<{ income: string | null }>(
      `SELECT -sum(l.amount_cents) AS income
         FROM journal_lines l
         JOIN journal_entries e ON e.cooperative_id = l.cooperative_id AND e.id = l.entry_id
         JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
        WHERE l.cooperative_id = $1 AND a.code = ANY($2::text[]) AND e.entry_date BETWEEN $3::date AND $4::date`,
      [cooperativeId, accountCodes, from, through],
    );
    return cents(row.income);
  }

  /** granted → advances_paid, once no scheduled advance is still outstanding. */
  async markAdvancesPaid(cooperativeId: CooperativeId, id: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE co_finance_agreements a SET status = 'advances_paid'
        WHERE a.cooperative_id = $1 AND a.id = $2 AND a.status = 'granted'
          AND NOT EXISTS (SELECT 1 FROM funding_tranches t WHERE t.cooperative_id = a.cooperative_id AND t.agreement_id = a.id AND t.received_on IS NULL)
        RETURNING a.id`,
      [cooperativeId, id],
    );
    return rows.length === 1;
  }

  /** Accountability may go in once granted, whether or not the last advance has come (some municipalities hold it back until then). */
  async submitAccountability(cooperativeId: CooperativeId, id: string, on: string, documents: AccountabilityDocument[]): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE co_finance_agreements SET status = 'accountability_submitted', accountability_submitted_on = $3, accountability_documents = $4::jsonb
        WHERE cooperative_id = $1 AND id = $2 AND status IN ('granted', 'advances_paid') RETURNING id`,
      [cooperativeId, id, on, JSON.stringify(documents)],
    );
    return rows.length === 1;
  }

  async startReview(cooperativeId: CooperativeId, id: string, on: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE co_finance_agreements SET status = 'in_review', review_started_on = $3 WHERE cooperative_id = $1 AND id = $2 AND status = 'accountability_submitted' RETURNING id`,
      [cooperativeId, id, on],
    );
    return rows.length === 1;
  }

  async settle(cooperativeId: CooperativeId, id: string, settlement: { settledCents: number; settledOn: string; reason: string | null }): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE co_finance_agreements SET status = 'settled', settled_cents = $3, settled_on = $4, settlement_reason = $5
        WHERE cooperative_id = $1 AND id = $2 AND status = 'in_review' RETURNING id`,
      [cooperativeId, id, settlement.settledCents, settlement.settledOn, settlement.reason],
    );
    return rows.length === 1;
  }
}
