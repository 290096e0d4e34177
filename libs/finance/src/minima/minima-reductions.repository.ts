import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';

/** A reduced dues invoice whose reduction has not been claimed from a fund yet. */
export interface UnclaimedReduction {
  invoiceId: string;
  invoiceNumber: string;
  memberId: string;
  issueDate: string;
  reductionCents: number;
}

export const minimaReductionKey = (invoiceId: string) => `minima-reduction:${invoiceId}`;

@Injectable()
export class MinimaReductionsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Dues invoices issued in [from, through], not cancelled, with a reduction not yet claimed (no entry under its key). */
  async unclaimed(cooperativeId: CooperativeId, from: string, through: string): Promise<UnclaimedReduction[]> {
    const rows = await this.uow.rows<{ id: string; number: string; member_id: string; issue_date: string; reduction_cents: string }>(
      `SELECT i.id, i.number, i.member_id, to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date, sum(l.reduction_cents) AS reduction_cents
         FROM invoices i
         JOIN invoice_lines l ON l.cooperative_id = i.cooperative_id AND l.invoice_id = i.id
        WHERE i.cooperative_id = $1 AND i.kind = 'dues' AND i.status <> 'cancelled' AND i.issue_date BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.cooperative_id = $1 AND e.idempotency_key = 'minima-reduction:' || i.id)
        GROUP BY i.cooperative_id, i.id
       HAVING sum(l.reduction_cents) > 0
        ORDER BY i.number`,
      [cooperativeId, from, through],
    );
    return rows.map((r) => ({ invoiceId: r.id, invoiceNumber: r.number, memberId: r.member_id, issueDate: r.issue_date, reductionCents: Number(r.reduction_cents) }));
  }
}
