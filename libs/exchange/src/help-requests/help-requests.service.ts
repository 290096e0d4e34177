import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, Permission, roleGrants, rolesIn } from '@buurtcoop/core';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { ExchangeMembers, mayNotBookReason } from '../exchange-members';
import { CatalogueService } from '../catalogue/catalogue.service';
import { OffersRepository } from '../offers/offers.repository';
import { BookingsService } from '../bookings/bookings.service';
import { parseRange } from '../bookings/bookings.repository';
import { HelpRequest, HelpRequestStatus } from './entities/help-request.entity';
import { HelpRequestsRepository, OpenHelpRequestsRow } from './help-requests.repository';
import { CreateHelpRequestDto, ProposeDto } from './dto/help-request.dto';

type Party = 'consumer' | 'provider' | 'coordinator';

/**
 * A resident's need (hulpvraag), written by them or by a coordinator for them; the coordinator
 * proposes a provider and a time; when the resident and the provider both accept, it is booked.
 */
@Injectable()
export class HelpRequestsService {
  constructor(
    private readonly requests: HelpRequestsRepository,
    private readonly offers: OffersRepository,
    private readonly catalogue: CatalogueService,
    private readonly bookings: BookingsService,
    private readonly members: ExchangeMembers,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, cooperativeId: CooperativeId, dto: CreateHelpRequestDto): Promise<HelpRequest> {
    const consumer = await this.bookings.consumerFor(actor, cooperativeId, dto.consumerMemberId);
    if (!consumer.mayBook) throw new ExchangeError(ExchangeErrorCode.MayNotBook, mayNotBookReason(consumer, 'ask for services'));
    await this.catalogue.get(cooperativeId, dto.categoryId, 'categoryId');
    const preferredFrom = dto.preferredFrom ? new Date(dto.preferredFrom) : null;
    const preferredTo = dto.preferredTo ? new Date(dto.preferredTo) : null;
    if ((preferredFrom === null) !== (preferredTo === null) || (preferredFrom && preferredTo && preferredFrom >= preferredTo)) {
      throw new ExchangeError(ExchangeErrorCode.InvalidPeriod, 'Give both preferredFrom and preferredTo, the second after the first', 'preferredTo');
    }
    const request = await this.requests.insert(cooperativeId, { consumerMemberId: consumer.memberId, categoryId: dto.categoryId, description: dto.description, preferredFrom, preferredTo, createdBy: actor.userId });
    await this.audit.record({ action: 'help_request.create', objectType: 'help_request', objectId: request.id, details: { onBehalf: dto.consumerMemberId !== undefined } });
    return request;
  }

  /** Coordinators see every request; a member sees their own and those proposed to them as provider. */
  async list(actor: Actor, cooperativeId: CooperativeId, status?: HelpRequestStatus): Promise<HelpRequest[]> {
    if (this.isCoordinator(actor, cooperativeId)) return this.requests.list(cooperativeId, { status });
    const me = await this.members.own(actor, cooperativeId);
    const own = await this.requests.list(cooperativeId, { status, consumerMemberId: me.memberId });
    const proposedToMe = await this.requests.list(cooperativeId, { status, providerMemberId: me.memberId });
    return [...own, ...proposedToMe.filter((r) => !own.some((o) => o.id === r.id))];
  }

  async get(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<{ request: HelpRequest; party: Party }> {
    const request = await this.requests.find(cooperativeId, id);
    const party = request ? await this.partyOf(actor, cooperativeId, request) : null;
    if (!request || !party) throw new ExchangeError(ExchangeErrorCode.BookingNotFound, 'Help request was not found');
    return { request, party };
  }

  async propose(actor: Actor, cooperativeId: CooperativeId, id: string, dto: ProposeDto): Promise<HelpRequest> {
    const { request } = await this.get(actor, cooperativeId, id);
    const offer = await this.offers.find(cooperativeId, dto.offerId);
    if (!offer || offer.categoryId !== request.categoryId) throw new ExchangeError(ExchangeErrorCode.OfferNotFound, 'Propose an offer in the requested category', 'offerId');
    const category = await this.catalogue.get(cooperativeId, offer.categoryId);
    const start = new Date(dto.start);
    const end = new Date(start.getTime() + category.defaultDurationMinutes * 60_000);
    const proposed = await this.requests.update(cooperativeId, id, ['open', 'proposed'], {
      status: 'proposed',
      proposed_offer_id: offer.id,
      proposed_during: `[${start.toISOString()},${end.toISOString()})`,
      consumer_accepted_at: null,
      provider_accepted_at: null,
    });
    if (!proposed) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, `A ${request.status} help request cannot get a proposal`);
    await this.audit.record({ action: 'help_request.propose', objectType: 'help_request', objectId: id, details: { offerId: offer.id } });
    return proposed;
  }

  /** The resident (or a coordinator for them) and the provider each accept; the second acceptance books. */
  async accept(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<HelpRequest> {
    const { request, party } = await this.get(actor, cooperativeId, id);
    if (request.status !== 'proposed' || !request.proposedOfferId || !request.proposedDuring) {
      throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'There is no proposal to accept');
    }
    const side = party === 'provider' ? 'provider_accepted_at' : 'consumer_accepted_at';
    const accepted = await this.requests.update(cooperativeId, id, ['proposed'], { [side]: new Date() });
    if (!accepted) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'The proposal changed meanwhile');
    await this.audit.record({ action: `help_request.accept_${party === 'provider' ? 'provider' : 'consumer'}`, objectType: 'help_request', objectId: id });
    if (!accepted.consumerAcceptedAt || !accepted.providerAcceptedAt) return accepted;
    // Both have said yes: the booking is confirmed at once, under the same rules as any booking.
    const consumer = await this.members.byId(cooperativeId, request.consumerMemberId);
    const booking = await this.bookings.book(
      cooperativeId,
      consumer,
      { offerId: request.proposedOfferId, start: parseRange(request.proposedDuring).start, notes: request.description, helpRequestId: id, confirmed: true },
      actor.userId,
    );
    return (await this.requests.update(cooperativeId, id, ['proposed'], { status: 'booked', booking_id: booking.id })) as HelpRequest;
  }

  /** Either side declines the proposal: the request is open again for another one. */
  async decline(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<HelpRequest> {
    const { request } = await this.get(actor, cooperativeId, id);
    const reopened = await this.requests.update(cooperativeId, id, ['proposed'], {
      status: 'open',
      proposed_offer_id: null,
      proposed_during: null,
      consumer_accepted_at: null,
      provider_accepted_at: null,
    });
    if (!reopened) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, `A ${request.status} help request has no proposal to decline`);
    await this.audit.record({ action: 'help_request.decline', objectType: 'help_request', objectId: id });
    return reopened;
  }

  async withdraw(actor: Actor, cooperativeId: CooperativeId, id: string): Promise<HelpRequest> {
    const { request, party } = await this.get(actor, cooperativeId, id);
    if (party === 'provider') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the resident or a coordinator can withdraw a help request');
    const withdrawn = await this.requests.update(cooperativeId, id, ['open', 'proposed'], { status: 'withdrawn' });
    if (!withdrawn) throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, `A ${request.status} help request cannot be withdrawn`);
    await this.audit.record({ action: 'help_request.withdraw', objectType: 'help_request', objectId: id });
    return withdrawn;
  }

  private isCoordinator(actor: Actor, cooperativeId: CooperativeId): boolean {
    return roleGrants(rolesIn(actor, cooperativeId), Permission.ExchangeCoordinate);
  }

  /** The resident, the proposed provider, or a coordinator acting for the resident; null: not visible. */
  /** For the board's dashboard: how many requests wait, per category and status (counts only). */
  openCounts(cooperativeId: CooperativeId): Promise<OpenHelpRequestsRow[]> {
    return this.requests.openCounts(cooperativeId);
  }

  private async partyOf(actor: Actor, cooperativeId: CooperativeId, request: HelpRequest): Promise<Party | null> {
    const me = await this.members.own(actor, cooperativeId).catch(() => null);
    if (me?.memberId === request.consumerMemberId) return 'consumer';
    if (me && request.proposedOfferId) {
      const offer = await this.offers.find(cooperativeId, request.proposedOfferId);
      if (offer?.providerMemberId === me.memberId) return 'provider';
    }
    return this.isCoordinator(actor, cooperativeId) ? 'coordinator' : null;
  }
}
