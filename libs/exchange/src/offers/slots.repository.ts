import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { SLOTS_SQL } from './slots.sql';

export interface Slot {
  offerId: string;
  providerMemberId: string;
  start: Date;
  end: Date;
}

export interface SlotQuery {
  from: Date;
  to: Date;
  /** Not before this moment (now). */
  notBefore: Date;
  offerIds?: string[];
  categoryId?: string;
  /** Postcode-4 of the address the service is for. */
  postcode4?: number;
  /** Leave out slots that overlap a live booking of the provider, days already full, and offers lacking a VOG. */
  onlyFree: boolean;
}

/**
 * Slots are generated in SQL from the weekly windows, in Dutch local time: PostgreSQL turns each
 * local start into an instant with the Europe/Amsterdam rules, so slots stay at 09:00 on both sides
 * of a daylight-saving change. A booking checks its start with the same arithmetic for the one day
 * (BookingsRepository.terms), so every slot search returns is one a booking accepts.
 */
@Injectable()
export class SlotsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Free (or, with `onlyFree: false`, scheduled) slots, at most `perOffer` per offer so no provider drowns the others. */
  async slots(cooperativeId: CooperativeId, q: SlotQuery, perOffer = 1000): Promise<Slot[]> {
    const rows = await this.uow.rows<{ offer_id: string; provider_member_id: string; start_at: Date; end_at: Date }>(
      SLOTS_SQL,
      [cooperativeId, q.from, q.to, q.offerIds ?? null, q.categoryId ?? null, q.postcode4 ?? null, q.notBefore, q.onlyFree, perOffer],
    );
    return rows.map((r) => ({ offerId: r.offer_id, providerMemberId: r.provider_member_id, start: new Date(r.start_at), end: new Date(r.end_at) }));
  }
}
