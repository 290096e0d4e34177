import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { DunningStage } from '../invoices/entities/invoice.entity';
import { NoticeStage, PaymentNotice } from './entities/payment-notice.entity';

/** One member's letter: the overdue invoices it covers, moved to the next dunning stage. */
export interface DueLetter {
  memberId: string;
  billedTo: PaymentNotice['billedTo'];
  invoices: PaymentNotice['invoices'];
}

@Injectable()
export class DunningRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Moves the open invoices that reached the next step from `from` to `to` (one statement, a conditional
   * update, so two workers never send the same letter twice) and returns them grouped per member.
   * `dueBefore` selects by due date, `markedBefore` by the date the previous letter went out.
   */
  async advance(
    cooperativeId: CooperativeId,
    step: { from: DunningStage; to: DunningStage; today: string; dueBefore?: string; markedBefore?: string },
  ): Promise<DueLetter[]> {
    const rows = await this.uow.rows<{ member_id: string; billed_to: DueLetter['billedTo']; invoices: DueLetter['invoices'] }>(
      `WITH moved AS (
         UPDATE invoices i
            SET dunning_stage = $3,
                reminded_on = CASE WHEN $3 = 'reminded' THEN $4::date ELSE i.reminded_on END,
                noticed_on = CASE WHEN $3 = 'noticed' THEN $4::date ELSE i.noticed_on END
          WHERE i.cooperative_id = $1 AND i.status = 'open' AND i.dunning_stage = $2
            AND ($5::date IS NULL OR i.due_date < $5::date)
            AND ($6::date IS NULL OR (CASE $2 WHEN 'reminded' THEN i.reminded_on ELSE i.noticed_on END) <= $6::date)
            -- An invoice in a direct-debit collection that is still under way waits for its outcome.
            AND NOT EXISTS (SELECT 1 FROM sepa_collection_items ci JOIN sepa_collection_batches b ON b.cooperative_id = ci.cooperative_id AND b.id = ci.batch_id
                             WHERE ci.cooperative_id = $1 AND ci.invoice_id = i.id AND ci.active AND b.status IN ('draft', 'exported'))
         RETURNING i.id, i.number, i.member_id, i.issue_date, i.due_date, i.amount_cents - i.paid_cents AS open_cents, i.billed_to, i.sequence, i.year
       )
       SELECT member_id, (array_agg(billed_to ORDER BY year DESC, sequence DESC))[1] AS billed_to,
              jsonb_agg(jsonb_build_object('invoiceId', id, 'invoiceNumber', number, 'issueDate', to_char(issue_date, 'YYYY-MM-DD'),
                                           'dueDate', to_char(due_date, 'YYYY-MM-DD'), 'openCents', open_cents) ORDER BY due_date, number) AS invoices
         FROM moved GROUP BY member_id`,
      [cooperativeId, step.from, step.to, step.today, step.dueBefore ?? null, step.markedBefore ?? null],
    );
    return rows.map((r) => ({ memberId: r.member_id, billedTo: r.billed_to, invoices: r.invoices.map((i) => ({ ...i, openCents: Number(i.openCents) })) }));
  }

  async insertNotices(cooperativeId: CooperativeId, notices: Array<Omit<PaymentNotice, 'cooperativeId' | 'id' | 'createdAt'>>): Promise<PaymentNotice[]> {
    if (notices.length === 0) return [];
    const rows = await this.uow.rows<{ id: string }>(
      `INSERT INTO payment_notices (cooperative_id, member_id, stage, sent_on, pay_by, total_open_cents, collection_costs_cents, invoices, billed_to)
       SELECT $1, n.member_id, n.stage, n.sent_on, n.pay_by, n.total_open_cents, n.collection_costs_cents, n.invoices, n.billed_to
         FROM jsonb_to_recordset($2::jsonb) AS n(member_id uuid, stage text, sent_on date, pay_by date, total_open_cents bigint, collection_costs_cents bigint, invoices jsonb, billed_to jsonb)
       RETURNING id`,
      [
        cooperativeId,
        JSON.stringify(
          notices.map((n) => ({
            member_id: n.memberId,
            stage: n.stage,
            sent_on: n.sentOn,
            pay_by: n.payBy,
            total_open_cents: n.totalOpenCents,
            collection_costs_cents: n.collectionCostsCents,
            invoices: n.invoices,
            billed_to: n.billedTo,
          })),
        ),
      ],
    );
    return this.uow.manager().getRepository(PaymentNotice).createQueryBuilder('n').where('n.cooperativeId = :cooperativeId AND n.id IN (:...ids)', { cooperativeId, ids: rows.map((r) => r.id) }).getMany();
  }

  find(cooperativeId: CooperativeId, id: string): Promise<PaymentNotice | null> {
    return this.uow.manager().getRepository(PaymentNotice).findOneBy({ cooperativeId, id });
  }

  list(cooperativeId: CooperativeId, filter: { memberId?: string; stage?: NoticeStage; page: number; pageSize: number }): Promise<[PaymentNotice[], number]> {
    const query = this.uow.manager().getRepository(PaymentNotice).createQueryBuilder('n').where('n.cooperativeId = :cooperativeId', { cooperativeId });
    if (filter.memberId) query.andWhere('n.memberId = :memberId', { memberId: filter.memberId });
    if (filter.stage) query.andWhere('n.stage = :stage', { stage: filter.stage });
    return query
      .orderBy('n.sentOn', 'DESC')
      .addOrderBy('n.createdAt', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
  }
}
