import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Offer } from './entities/offer.entity';
import { OfferException, OfferWindow } from './entities/offer-window.entity';

export interface PostcodeRange {
  from: number;
  to: number;
}

export interface NewOffer {
  providerMemberId: string;
  categoryId: string;
  description: string;
  serviceArea: PostcodeRange[];
  rateCents: number;
  maxBookingsPerDay: number;
}

/** `{[7411,7420),[7425,7426)}`: postcode-4 ranges as PostgreSQL's int4multirange. */
export function toMultirange(ranges: PostcodeRange[]): string {
  return `{${ranges.map((r) => `[${r.from},${r.to}]`).join(',')}}`;
}

/** Back from `{[7411,7420),[7425,7426)}` to inclusive ranges. */
export function fromMultirange(value: string): PostcodeRange[] {
  return [...value.matchAll(/\[(\d+),(\d+)\)/g)].map((m) => ({ from: Number(m[1]), to: Number(m[2]) - 1 }));
}

@Injectable()
export class OffersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(cooperativeId: CooperativeId, offer: NewOffer): Promise<Offer> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO offers (cooperative_id, provider_member_id, category_id, description, service_area, rate_cents, max_bookings_per_day)
       VALUES ($1, $2, $3, $4, $5::int4multirange, $6, $7) RETURNING id`,
      [cooperativeId, offer.providerMemberId, offer.categoryId, offer.description, toMultirange(offer.serviceArea), offer.rateCents, offer.maxBookingsPerDay],
    );
    return (await this.find(cooperativeId, row.id)) as Offer;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<Offer | null> {
    return this.uow.manager().getRepository(Offer).findOneBy({ cooperativeId, id });
  }

  findMany(cooperativeId: CooperativeId, ids: string[]): Promise<Offer[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.uow.manager().getRepository(Offer).find({ where: { cooperativeId, id: In(ids) } });
  }

  list(cooperativeId: CooperativeId, filter: { providerMemberId?: string; categoryId?: string }): Promise<Offer[]> {
    return this.uow
      .manager()
      .getRepository(Offer)
      .find({ where: { cooperativeId, ...filter }, order: { createdAt: 'ASC' } });
  }

  async update(cooperativeId: CooperativeId, id: string, patch: { description?: string; serviceArea?: PostcodeRange[]; rateCents?: number; maxBookingsPerDay?: number; paused?: boolean }): Promise<void> {
    const { serviceArea, ...rest } = patch;
    if (Object.values(rest).some((value) => value !== undefined)) await this.uow.manager().getRepository(Offer).update({ cooperativeId, id }, rest);
    if (serviceArea) await this.uow.rows(`UPDATE offers SET service_area = $3::int4multirange WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, id, toMultirange(serviceArea)]);
  }

  windows(cooperativeId: CooperativeId, offerId: string): Promise<OfferWindow[]> {
    return this.uow.manager().getRepository(OfferWindow).find({ where: { cooperativeId, offerId }, order: { weekday: 'ASC', startTime: 'ASC' } });
  }

  /** Replaces the weekly windows in one go. */
  async replaceWindows(cooperativeId: CooperativeId, offerId: string, windows: Array<Pick<OfferWindow, 'weekday' | 'startTime' | 'endTime'>>): Promise<void> {
    await this.uow.rows(`DELETE FROM offer_windows WHERE cooperative_id = $1 AND offer_id = $2`, [cooperativeId, offerId]);
    if (windows.length === 0) return;
    await this.uow.rows(
      `INSERT INTO offer_windows (cooperative_id, offer_id, weekday, start_time, end_time)
       SELECT $1, $2, w.weekday, w.start_time, w.end_time FROM jsonb_to_recordset($3::jsonb) AS w(weekday smallint, start_time time, end_time time)`,
      [cooperativeId, offerId, JSON.stringify(windows.map((w) => ({ weekday: w.weekday, start_time: w.startTime, end_time: w.endTime })))],
    );
  }

  exceptions(cooperativeId: CooperativeId, offerId: string): Promise<OfferException[]> {
    return this.uow.manager().getRepository(OfferException).find({ where: { cooperativeId, offerId }, order: { fromDate: 'ASC' } });
  }

  async addException(cooperativeId: CooperativeId, offerId: string, e: Pick<OfferException, 'fromDate' | 'toDate' | 'reason'>): Promise<OfferException> {
    const { identifiers } = await this.uow.manager().getRepository(OfferException).insert({ ...e, cooperativeId, offerId });
    return (await this.uow.manager().getRepository(OfferException).findOneBy({ cooperativeId, id: identifiers[0].id as string })) as OfferException;
  }

  async removeException(cooperativeId: CooperativeId, offerId: string, id: string): Promise<boolean> {
    const rows = await this.uow.rows(`DELETE FROM offer_exceptions WHERE cooperative_id = $1 AND offer_id = $2 AND id = $3 RETURNING id`, [cooperativeId, offerId, id]);
    return rows.length === 1;
  }
}
