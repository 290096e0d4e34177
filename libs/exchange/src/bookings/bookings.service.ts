import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, Permission, dutchDate, roleGrants, rolesIn } from '@buurtcoop/core';
import { MemberStanding } from '@buurtcoop/membership';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeMembers, mayNotBookReason } from '../exchange-members';
import { CatalogueService } from '../catalogue/catalogue.service';
import { ServiceCategory } from '../catalogue/entities/service-category.entity';
import { CredentialsRepository } from '../credentials/credentials.repository';
import { Booking, BookingSide, BookingStatus } from './entities/booking.entity';
import { BookingsRepository, parseRange } from './bookings.repository';
import { CreateBookingDto, CreateSeriesDto, DeliverDto, ResolveDisputeDto } from './dto/booking.dto';

export interface SeriesOutcome {
  seriesId: string;
  booked: Booking[];
  conflicts: Array<{ start: Date; code: string; reason: string }>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the consumer owes for a completed booking: the eigen bijdrage (or the reduced tariff) plus materials. */
export function consumerAmount(category: ServiceCategory, booking: Pick<Booking, 'rateCents' | 'actualMinutes' | 'materialCents'>, minimumIncome: boolean) {
  const base = category.pricing === 'hourly' ? Math.round((booking.rateCents * (booking.actualMinutes ?? 0)) / 60) : category.pricing === 'fixed' ? booking.rateCents : 0;
  const reduced = category.contributionApplies && minimumIncome && category.reducedContributionCents !== null;
  const contribution = !category.contributionApplies ? 0 : reduced ? Math.min(base, category.reducedContributionCents as number) : base;
  const materials = booking.materialCents ?? 0;
  return { baseCents: base, contributionCents: contribution, materialCents: materials, reducedTariff: reduced, amountCents: contribution + materials };
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly credentials: CredentialsRepository,
    private readonly catalogue: CatalogueService,
    private readonly members: ExchangeMembers,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Books a slot of an offer, for oneself or (a coordinator) for a resident without internet. */
  async create(actor: Actor, cooperativeId: CooperativeId, dto: CreateBookingDto): Promise<Booking> {
    const consumer = await this.consumerFor(actor, cooperativeId, dto.consumerMemberId);
    if (dto.consumerMemberId && !consumer.mayBook) {
      throw new ExchangeError(ExchangeErrorCode.MayNotBook, mayNotBookReason(consumer), 'consumerMemberId');
    }
    const booking = await this.book(cooperativeId, consumer, { offerId: dto.offerId, start: new Date(dto.start), notes: dto.notes ?? null }, actor.userId);
    await this.audit.record({ action: 'booking.create', objectType: 'booking', objectId: booking.id, details: { onBehalf: dto.consumerMemberId !== undefined } });
    return booking;
  }

  /**
   * A weekly series (e.g. homework help every Tuesday): every date that can be booked is; the dates
   * that cannot are reported with the reason, and the series keeps the rest.
   */
  async createSeries(actor: Actor, cooperativeId: CooperativeId, dto: CreateSeriesDto): Promise<SeriesOutcome> {
    const consumer = await this.consumerFor(actor, cooperativeId, dto.consumerMemberId);
    const seriesId = randomUUID();
    const booked: Booking[] = [];
    const conflicts: SeriesOutcome['conflicts'] = [];
    for (const start of await this.bookings.weeklyStarts(new Date(dto.start), dto.weeks)) {
      try {
        booked.push(await this.book(cooperativeId, consumer, { offerId: dto.offerId, start, notes: dto.notes ?? null, seriesId }, actor.userId));
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.status !== 409) throw error;
        conflicts.push({ start, code: error.code, reason: error.message });
      }
    }
    await this.audit.record({ action: 'booking.series', objectType: 'booking_series', objectId: seriesId, details: { booked: booked.length, conflicts: conflicts.length } });
    return { seriesId, booked, conflicts };
  }

  /** The rules every booking passes, whoever makes it; overlaps are left to the exclusion constraints. */
  async book(
    cooperativeId: CooperativeId,
    consumer: MemberStanding,
    request: { offerId: string; start: Date; notes: string | null; seriesId?: string; helpRequestId?: string; confirmed?: boolean },
    bookedBy: string,
  ): Promise<Booking> {
    if (!consumer.mayBook) throw new ExchangeError(ExchangeErrorCode.MayNotBook, mayNotBookReason(consumer));
    const start = request.start;
    const postcode4 = consumer.postcode ? Number(consumer.postcode.slice(0, 4)) : null;
    const terms = await this.bookings.terms(cooperativeId, request.offerId, start, postcode4);
    if (!terms) throw new ExchangeError(ExchangeErrorCode.OfferNotFound, 'Offer was not found', 'offerId');
    if (terms.paused) throw new ExchangeError(ExchangeErrorCode.OfferPaused, 'The provider has paused this offer', 'offerId');
    if (terms.providerMemberId === consumer.memberId) throw new ExchangeError(ExchangeErrorCode.OwnOffer, 'You cannot book your own offer', 'offerId');
    const provider = await this.members.byId(cooperativeId, terms.providerMemberId);
    if (!provider.mayProvide) throw new ExchangeError(ExchangeErrorCode.OfferPaused, 'The provider cannot take bookings at the moment', 'offerId');

    if (start <= this.clock.now()) throw new ExchangeError(ExchangeErrorCode.InThePast, 'The start must be in the future', 'start');
    const end = new Date(start.getTime() + terms.durationMinutes * 60_000);
    if (terms.requiresVog && !(await this.credentials.validThroughout(cooperativeId, provider.memberId, 'vog', dutchDate(start), dutchDate(end)))) {
      throw new ExchangeError(ExchangeErrorCode.VogRequired, `${terms.categoryName} needs a provider with a valid VOG on that day`, 'offerId');
    }
    if (!terms.servesPostcode) throw new ExchangeError(ExchangeErrorCode.OutsideServiceArea, `This provider does not serve postcode ${postcode4}`, 'offerId');
    if (!terms.scheduled) {
      throw new ExchangeError(ExchangeErrorCode.OutsideAvailability, 'The provider is not available then: pick one of the free slots of the search', 'start');
    }
    const booking = await this.bookings.insert(
      cooperativeId,
      {
        offerId: terms.offerId,
        categoryId: terms.categoryId,
        providerMemberId: provider.memberId,
        consumerMemberId: consumer.memberId,
        start,
        end,
        bookedBy,
        rateCents: terms.rateCents,
        notes: request.notes,
        helpRequestId: request.helpRequestId ?? null,
        seriesId: request.seriesId ?? null,
        status: request.confirmed ? 'confirmed' : 'requested',
      },
      { maxPerDay: terms.maxBookingsPerDay, continueAfterClash: request.seriesId !== undefined },
    );
    if (!booking) throw new ExchangeError(ExchangeErrorCode.DayFull, 'The provider takes no more bookings on that day', 'start');
    return booking;
  }

  async get(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<{ booking: Booking; side: BookingSide | 'coordinator' }> {
    const booking = await this.bookings.find(cooperativeId, id);
    const side = booking ? await this.sideOf(actor, cooperativeId, booking) : null;
    if (!booking || !side) throw new ExchangeError(ExchangeErrorCode.BookingNotFound, 'Booking was not found');
    return { booking, side };
  }

  async mine(actor: Actor, cooperativeId: CooperativeId, status?: BookingStatus): Promise<Booking[]> {
    const me = await this.members.own(actor, cooperativeId);
    return this.bookings.list(cooperativeId, { memberId: me.memberId, status }, 500);
  }

  confirm(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Booking> {
    return this.move(actor, cooperativeId, id, 'provider', ['requested'], 'confirmed', () => ({ confirmed_at: this.clock.now() }));
  }

  decline(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Booking> {
    return this.move(actor, cooperativeId, id, 'provider', ['requested'], 'cancelled', () => ({ cancelled_at: this.clock.now(), cancelled_by: 'provider' }));
  }

  /** Either side cancels; within the notice period it is a late cancellation, and a late consumer may owe the policy's fee. */
  async cancel(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side === 'coordinator') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the resident or the provider can cancel');
    const policy = await this.catalogue.policy(cooperativeId);
    const now = this.clock.now();
    const start = parseRange(booking.during).start;
    if (start <= now) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'The booking has started: record a no-show instead of cancelling');
    const late = start.getTime() - now.getTime() < policy.cancellationNoticeHours * HOUR;
    const cancelled = await this.transition(cooperativeId, booking, ['requested', 'confirmed'], 'cancelled', { cancelled_at: now, cancelled_by: side, late_cancellation: late });
    if (late && side === 'consumer' && booking.status === 'confirmed') {
      await this.bookings.recordEvent(cooperativeId, { kind: 'booking.late_cancellation', booking: cancelled, amountCents: policy.lateCancellationFeeCents, details: { noticeHours: policy.cancellationNoticeHours } });
    }
    await this.audit.record({ action: late ? 'booking.cancel_late' : 'booking.cancel', objectType: 'booking', objectId: id, details: { by: side } });
    return cancelled;
  }

  /** The side that did turn up records that the other did not (after the start). */
  async noShow(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side === 'coordinator') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the resident or the provider can record a no-show');
    if (parseRange(booking.during).start > this.clock.now()) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'A no-show can be recorded only after the start');
    const absent: BookingSide = side === 'consumer' ? 'provider' : 'consumer';
    const updated = await this.transition(cooperativeId, booking, ['confirmed'], 'cancelled', { cancelled_at: this.clock.now(), cancelled_by: side, no_show: absent });
    await this.audit.record({ action: 'booking.no_show', objectType: 'booking', objectId: id, details: { absent } });
    return updated;
  }

  /** The provider logs the time actually spent and materials, after the start. */
  async deliver(actor: Actor, cooperativeId: CooperativeId, id: string, dto: DeliverDto): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side !== 'provider') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the provider logs the hours');
    if (parseRange(booking.during).start > this.clock.now()) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'Hours can be logged once the booking has started');
    const delivered = await this.transition(cooperativeId, booking, ['confirmed'], 'delivered', { delivered_at: this.clock.now(), actual_minutes: dto.actualMinutes, material_cents: dto.materialCents ?? 0 });
    await this.audit.record({ action: 'booking.deliver', objectType: 'booking', objectId: id, details: { actualMinutes: dto.actualMinutes } });
    return delivered;
  }

  /** The consumer confirms the work was done: the booking completes and finance learns what is owed. */
  async complete(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side !== 'consumer' && side !== 'coordinator') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'The resident (or a coordinator for them) confirms the work');
    return this.completeBooking(cooperativeId, booking, 'confirmed by consumer');
  }

  async dispute(actor: Actor, cooperativeId: CooperativeId, id: string, reason: string): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side !== 'consumer') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the resident can dispute the logged work');
    const disputed = await this.transition(cooperativeId, booking, ['delivered'], 'disputed', { dispute_reason: reason });
    await this.audit.record({ action: 'booking.dispute', objectType: 'booking', objectId: id });
    return disputed;
  }

  /** Coordinators: every booking of the cooperative, e.g. the disputed ones to follow up. */
  list(cooperativeId: CooperativeId, status?: BookingStatus): Promise<Booking[]> {
    return this.bookings.list(cooperativeId, { status }, 500);
  }

  /**
   * A coordinator settles a dispute: either the work stands (with the minutes corrected if need be)
   * and completes as usual, or the booking is cancelled and nothing is owed.
   */
  async resolve(actor: Actor, cooperativeId: CooperativeId, id: string, dto: ResolveDisputeDto): Promise<Booking> {
    const { booking } = await this.get(actor, cooperativeId, id);
    if (booking.status !== 'disputed') throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, `A ${booking.status} booking has no dispute to resolve`);
    if (dto.outcome === 'cancel') {
      const cancelled = await this.transition(cooperativeId, booking, ['disputed'], 'cancelled', { cancelled_at: this.clock.now() });
      await this.audit.record({ action: 'booking.dispute_cancel', objectType: 'booking', objectId: id, details: { note: dto.note } });
      return cancelled;
    }
    const corrected = await this.transition(cooperativeId, booking, ['disputed'], 'delivered', {
      actual_minutes: dto.actualMinutes ?? booking.actualMinutes,
      material_cents: dto.materialCents ?? booking.materialCents,
    });
    await this.audit.record({ action: 'booking.dispute_complete', objectType: 'booking', objectId: id, details: { note: dto.note, actualMinutes: corrected.actualMinutes } });
    return this.completeBooking(cooperativeId, corrected, 'resolved by coordinator');
  }

  /** Housekeeping for one cooperative: unanswered requests expire, unconfirmed delivered work completes. */
  async housekeeping(cooperativeId: CooperativeId): Promise<{ expired: number; completed: number }> {
    const policy = await this.catalogue.policy(cooperativeId);
    const now = this.clock.now();
    let expired = 0;
    for (const booking of await this.bookings.overdue(cooperativeId, 'requested', 'created_at', new Date(now.getTime() - policy.requestExpiryHours * HOUR))) {
      if (await this.bookings.transition(cooperativeId, booking.id, ['requested'], 'expired')) expired++;
    }
    let completed = 0;
    for (const booking of await this.bookings.overdue(cooperativeId, 'delivered', 'delivered_at', new Date(now.getTime() - policy.autoCompleteDays * DAY))) {
      try {
        await this.completeBooking(cooperativeId, booking, 'completed automatically');
        completed++;
      } catch (error) {
        // Confirmed or disputed by the resident meanwhile: nothing left to do for this one.
        if (!(error instanceof ExchangeError) || error.code !== ExchangeErrorCode.StatusChangeNotAllowed) throw error;
      }
    }
    return { expired, completed };
  }

  private async completeBooking(cooperativeId: CooperativeId, booking: Booking, how: string): Promise<Booking> {
    const completed = await this.transition(cooperativeId, booking, ['delivered'], 'completed', { completed_at: this.clock.now() });
    const category = await this.catalogue.get(cooperativeId, booking.categoryId);
    const consumer = await this.members.byId(cooperativeId, booking.consumerMemberId);
    const amount = consumerAmount(category, completed, consumer.minimumIncome);
    // Stored in this transaction: finance cannot miss a completed booking.
    await this.bookings.recordEvent(cooperativeId, { kind: 'booking.completed', booking: completed, amountCents: amount.amountCents, details: { ...amount, actualMinutes: completed.actualMinutes, how } });
    await this.audit.record({ action: 'booking.complete', objectType: 'booking', objectId: booking.id, details: { how } });
    return completed;
  }

  private async move(actor: Actor, cooperativeId: CooperativeId, id: string, who: BookingSide, from: BookingStatus[], to: BookingStatus, set: () => Record<string, unknown>): Promise<Booking> {
    const { booking, side } = await this.get(actor, cooperativeId, id);
    if (side !== who) throw new ExchangeError(ExchangeErrorCode.NotYourBooking, `Only the ${who} can do this`);
    const moved = await this.transition(cooperativeId, booking, from, to, set());
    await this.audit.record({ action: `booking.${to}`, objectType: 'booking', objectId: id });
    return moved;
  }

  private async transition(cooperativeId: CooperativeId, booking: Booking, from: BookingStatus[], to: BookingStatus, set: Record<string, unknown>): Promise<Booking> {
    const moved = await this.bookings.transition(cooperativeId, booking.id, from, to, set);
    if (!moved) {
      const now = (await this.bookings.find(cooperativeId, booking.id)) as Booking;
      throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, `A ${now.status} booking cannot become ${to}`);
    }
    return moved;
  }

  /** Consumer, provider, or a coordinator (who sees every booking of the cooperative); null: not visible. */
  private async sideOf(actor: Actor, cooperativeId: CooperativeId, booking: Booking): Promise<BookingSide | 'coordinator' | null> {
    if (roleGrants(rolesIn(actor, cooperativeId), Permission.ExchangeCoordinate)) {
      const me = await this.members.own(actor, cooperativeId).catch(() => null);
      if (me?.memberId === booking.consumerMemberId) return 'consumer';
      if (me?.memberId === booking.providerMemberId) return 'provider';
      return 'coordinator';
    }
    const me = await this.members.own(actor, cooperativeId);
    if (me.memberId === booking.consumerMemberId) return 'consumer';
    if (me.memberId === booking.providerMemberId) return 'provider';
    return null;
  }

  async consumerFor(actor: Actor, cooperativeId: CooperativeId, consumerMemberId: string | undefined): Promise<MemberStanding> {
    if (consumerMemberId === undefined) return this.members.own(actor, cooperativeId);
    if (!roleGrants(rolesIn(actor, cooperativeId), Permission.ExchangeCoordinate)) {
      throw new ExchangeError(ExchangeErrorCode.MayNotBook, 'Only a coordinator may book on behalf of another resident', 'consumerMemberId');
    }
    return this.members.byId(cooperativeId, consumerMemberId, 'consumerMemberId');
  }
}
