import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId } from '@buurtcoop/core';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeMembers } from '../exchange-members';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Offer } from './entities/offer.entity';
import { OfferException, OfferWindow } from './entities/offer-window.entity';
import { OffersRepository, PostcodeRange } from './offers.repository';
import { Slot, SlotsRepository } from './slots.repository';
import { AddExceptionDto, CreateOfferDto, SearchQueryDto, UpdateOfferDto, WindowDto } from './dto/offer.dto';

const MAX_SEARCH_DAYS = 62;

export interface OfferDetail {
  offer: Offer;
  windows: OfferWindow[];
  exceptions: OfferException[];
}

@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly slots: SlotsRepository,
    private readonly catalogue: CatalogueService,
    private readonly members: ExchangeMembers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, cooperativeId: CooperativeId, dto: CreateOfferDto): Promise<OfferDetail> {
    const me = await this.members.own(actor, cooperativeId);
    if (!me.mayProvide) throw new ExchangeError(ExchangeErrorCode.NotAProvider, 'Your membership does not include providing services (or is not active)');
    const category = await this.catalogue.get(cooperativeId, dto.categoryId, 'categoryId');
    if (!category.active) throw new ExchangeError(ExchangeErrorCode.CategoryNotFound, `${category.name} is no longer offered by the cooperative`, 'categoryId');
    const rateCents = category.pricing === 'free' ? 0 : dto.rateCents;
    if (rateCents < category.minRateCents || rateCents > category.maxRateCents) {
      throw new ExchangeError(ExchangeErrorCode.RateOutOfBounds, `The rate for ${category.name} must be between ${category.minRateCents} and ${category.maxRateCents} cents`, 'rateCents');
    }
    checkWindows(dto.windows);
    const offer = await this.offers.insert(cooperativeId, {
      providerMemberId: me.memberId,
      categoryId: category.id,
      description: dto.description,
      serviceArea: serviceArea(dto.serviceArea),
      rateCents,
      maxBookingsPerDay: dto.maxBookingsPerDay,
    });
    await this.offers.replaceWindows(cooperativeId, offer.id, dto.windows);
    await this.audit.record({ action: 'offer.create', objectType: 'offer', objectId: offer.id });
    return this.detail(cooperativeId, offer.id);
  }

  async update(actor: Actor, cooperativeId: CooperativeId, id: string, dto: UpdateOfferDto): Promise<OfferDetail> {
    const offer = await this.ownOffer(actor, cooperativeId, id);
    if (dto.rateCents !== undefined) {
      const category = await this.catalogue.get(cooperativeId, offer.categoryId);
      if (dto.rateCents < category.minRateCents || dto.rateCents > category.maxRateCents) {
        throw new ExchangeError(ExchangeErrorCode.RateOutOfBounds, `The rate for ${category.name} must be between ${category.minRateCents} and ${category.maxRateCents} cents`, 'rateCents');
      }
    }
    if (dto.windows) {
      checkWindows(dto.windows);
      await this.offers.replaceWindows(cooperativeId, id, dto.windows);
    }
    await this.offers.update(cooperativeId, id, {
      description: dto.description,
      rateCents: dto.rateCents,
      maxBookingsPerDay: dto.maxBookingsPerDay,
      paused: dto.paused,
      serviceArea: dto.serviceArea ? serviceArea(dto.serviceArea) : undefined,
    });
    await this.audit.record({ action: 'offer.update', objectType: 'offer', objectId: id, details: { fields: Object.keys(dto) } });
    return this.detail(cooperativeId, id);
  }

  async addException(actor: Actor, cooperativeId: CooperativeId, id: string, dto: AddExceptionDto): Promise<OfferDetail> {
    await this.ownOffer(actor, cooperativeId, id);
    if (dto.toDate < dto.fromDate) throw new ExchangeError(ExchangeErrorCode.InvalidPeriod, 'toDate must not be before fromDate', 'toDate');
    await this.offers.addException(cooperativeId, id, { fromDate: dto.fromDate, toDate: dto.toDate, reason: dto.reason ?? null });
    return this.detail(cooperativeId, id);
  }

  async removeException(actor: Actor, cooperativeId: CooperativeId, id: string, exceptionId: string): Promise<OfferDetail> {
    await this.ownOffer(actor, cooperativeId, id);
    if (!(await this.offers.removeException(cooperativeId, id, exceptionId))) throw new ExchangeError(ExchangeErrorCode.OfferNotFound, 'This exception was not found');
    return this.detail(cooperativeId, id);
  }

  async mine(actor: Actor, cooperativeId: CooperativeId): Promise<OfferDetail[]> {
    const me = await this.members.own(actor, cooperativeId);
    const offers = await this.offers.list(cooperativeId, { providerMemberId: me.memberId });
    const details: OfferDetail[] = [];
    for (const offer of offers) details.push(await this.detail(cooperativeId, offer.id));
    return details;
  }

  async detail(cooperativeId: CooperativeId, id: string): Promise<OfferDetail> {
    const offer = await this.offers.find(cooperativeId, id);
    if (!offer) throw new ExchangeError(ExchangeErrorCode.OfferNotFound, 'Offer was not found');
    return { offer, windows: await this.offers.windows(cooperativeId, id), exceptions: await this.offers.exceptions(cooperativeId, id) };
  }

  /** Offers in a category and area with their free slots in the window; only providers in good standing. */
  async search(cooperativeId: CooperativeId, q: SearchQueryDto): Promise<Array<{ offer: Offer; providerName: string; slots: Slot[] }>> {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (!(from < to)) throw new ExchangeError(ExchangeErrorCode.InvalidPeriod, 'to must be after from', 'to');
    if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * 86_400_000) throw new ExchangeError(ExchangeErrorCode.InvalidPeriod, `Search at most ${MAX_SEARCH_DAYS} days at a time`, 'to');
    await this.catalogue.get(cooperativeId, q.categoryId, 'categoryId');
    const slots = await this.slots.slots(cooperativeId, {
      from,
      to,
      notBefore: this.clock.now(),
      categoryId: q.categoryId,
      postcode4: q.postcode ? Number(q.postcode.trim().slice(0, 4)) : undefined,
      onlyFree: true,
    });
    const byOffer = new Map<string, Slot[]>();
    for (const slot of slots) byOffer.set(slot.offerId, [...(byOffer.get(slot.offerId) ?? []), slot]);
    // Two queries for the whole result, however many offers match.
    const offers = new Map((await this.offers.findMany(cooperativeId, [...byOffer.keys()])).map((o) => [o.id, o]));
    const providers = await this.members.byIds(cooperativeId, [...new Set([...offers.values()].map((o) => o.providerMemberId))]);
    const results: Array<{ offer: Offer; providerName: string; slots: Slot[] }> = [];
    for (const [offerId, offerSlots] of byOffer) {
      const offer = offers.get(offerId) as Offer;
      const provider = providers.get(offer.providerMemberId);
      if (provider?.mayProvide) results.push({ offer, providerName: provider.displayName, slots: offerSlots });
    }
    return results;
  }

  private async ownOffer(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Offer> {
    const me = await this.members.own(actor, cooperativeId);
    const offer = await this.offers.find(cooperativeId, id);
    if (!offer || offer.providerMemberId !== me.memberId) throw new ExchangeError(ExchangeErrorCode.OfferNotFound, 'Offer was not found among your offers');
    return offer;
  }
}

function serviceArea(ranges: Array<{ from: string; to: string }>): PostcodeRange[] {
  return ranges.map((r, i) => {
    const range = { from: Number(r.from), to: Number(r.to) };
    if (range.from > range.to) throw new ExchangeError(ExchangeErrorCode.InvalidServiceArea, `serviceArea[${i}]: from must not be after to`, `serviceArea[${i}].to`);
    return range;
  });
}

function checkWindows(windows: WindowDto[]): void {
  windows.forEach((w, i) => {
    if (w.startTime >= w.endTime) throw new ExchangeError(ExchangeErrorCode.InvalidWindow, `windows[${i}]: endTime must be after startTime`, `windows[${i}].endTime`);
  });
}
