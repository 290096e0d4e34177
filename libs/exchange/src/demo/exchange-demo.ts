import { Injectable } from '@nestjs/common';
import { Actor, Clock, CooperativeId, UnitOfWork, UsersService, asCooperativeId } from '@buurtcoop/core';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CredentialsService } from '../credentials/credentials.service';
import { OffersService } from '../offers/offers.service';
import { SlotsRepository } from '../offers/slots.repository';
import { BookingsService } from '../bookings/bookings.service';
import { HelpRequestsService } from '../help-requests/help-requests.service';
import { ReviewsService } from '../reviews/reviews.service';
import { ExchangeMembers } from '../exchange-members';

const DAY = 86_400_000;
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * The exchange part of the Rivierenwijk demo, made through the real services: offers with verified
 * VOGs, a confirmed booking next week, a completed and reviewed one last week, one delivered yesterday that
 * waits for the resident's confirmation, a weekly homework
 * series, and a help request written down by the coordinator for a resident without internet.
 */
@Injectable()
export class ExchangeDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly catalogue: CatalogueService,
    private readonly credentials: CredentialsService,
    private readonly offers: OffersService,
    private readonly slots: SlotsRepository,
    private readonly bookings: BookingsService,
    private readonly helpRequests: HelpRequestsService,
    private readonly reviews: ReviewsService,
    private readonly members: ExchangeMembers,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const actor = async (email: string, roles: Actor['roles'][string] = ['member']): Promise<Actor> => ({
      userId: (await this.users.idOf(email)) as string,
      roles: { [cooperativeId]: roles },
      reviews: [],
    });
    const sanne = await actor('aanbieder@rivierenwijk.example');
    const fatima = await actor('makelaar@rivierenwijk.example', ['coordinator', 'member']);
    const gerrit = await actor('bewoner@rivierenwijk.example');
    const yilmaz = await actor('familie.yilmaz@rivierenwijk.example');
    const tx = <T>(work: () => Promise<T>) => this.uow.run({ cooperativeId }, work);

    const categories = new Map((await tx(() => this.catalogue.list(cooperativeId))).map((c) => [c.code, c.id]));
    for (const provider of [sanne, fatima]) {
      const vog = await tx(() => this.credentials.addOwn(provider, cooperativeId, { kind: 'vog', description: 'VOG Natuurlijke Personen', issuedOn: '2026-02-01', expiresOn: '2029-02-01' }));
      await tx(() => this.credentials.verify(fatima, cooperativeId, vog.id));
    }
    const area = [{ from: '7411', to: '7419' }];
    const groceries = await tx(() =>
      this.offers.create(sanne, cooperativeId, {
        categoryId: categories.get('boodschappen') as string,
        description: 'Ik doe boodschappen bij de Jumbo op de Brink of de Albert Heijn aan de Snipperlingsdijk, en breng ze thuis.',
        serviceArea: area,
        rateCents: 400,
        maxBookingsPerDay: 3,
        windows: WEEKDAYS.map((weekday) => ({ weekday, startTime: '09:00', endTime: '12:00' })),
      }),
    );
    const garden = await tx(() =>
      this.offers.create(sanne, cooperativeId, {
        categoryId: categories.get('tuin') as string,
        description: 'Heg snoeien, gras maaien en onkruid wieden in kleine stadstuinen.',
        serviceArea: area,
        rateCents: 800,
        maxBookingsPerDay: 2,
        windows: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime: '13:00', endTime: '17:00' })),
      }),
    );
    const homework = await tx(() =>
      this.offers.create(fatima, cooperativeId, {
        categoryId: categories.get('huiswerkbegeleiding') as string,
        description: 'Huiswerkbegeleiding wiskunde en Engels voor de brugklas en de onderbouw.',
        serviceArea: area,
        rateCents: 500,
        maxBookingsPerDay: 2,
        windows: [2, 4].map((weekday) => ({ weekday, startTime: '16:00', endTime: '18:00' })),
      }),
    );

    // Last week's garden work, done and reviewed: the clock is set back while it is booked.
    const now = this.clock.now();
    const lastWeek = await this.firstFree(cooperativeId, garden.offer.id, new Date(now.getTime() - 9 * DAY), new Date(now.getTime() - 2 * DAY));
    let done = 0;
    if (lastWeek) {
      try {
        this.clock.setTo(new Date(lastWeek.getTime() - 3 * DAY));
        const booking = await tx(() => this.bookings.create(gerrit, cooperativeId, { offerId: garden.offer.id, start: lastWeek.toISOString(), notes: 'De heg aan de achterkant, graag.' }));
        await tx(() => this.bookings.confirm(sanne, cooperativeId, booking.id));
        this.clock.setTo(new Date(lastWeek.getTime() + 3 * 3_600_000));
        await tx(() => this.bookings.deliver(sanne, cooperativeId, booking.id, { actualMinutes: 105, materialCents: 350 }));
        await tx(() => this.bookings.complete(gerrit, cooperativeId, booking.id));
        await tx(() => this.reviews.write(gerrit, cooperativeId, booking.id, 5, 'Sanne heeft de heg keurig gesnoeid en alles opgeruimd.'));
        await tx(() => this.reviews.write(sanne, cooperativeId, booking.id, 5, 'Fijne ochtend, meneer Bosman had koffie klaar.'));
        done = 1;
      } finally {
        this.clock.setTo(now);
      }
    }

    // Yesterday's groceries (or the last weekday's), delivered by Sanne and waiting for Gerrit to confirm them.
    const yesterday = await this.firstFree(cooperativeId, groceries.offer.id, new Date(now.getTime() - 4 * DAY), new Date(now.getTime() - 3_600_000));
    let delivered = 0;
    if (yesterday) {
      try {
        this.clock.setTo(new Date(yesterday.getTime() - 2 * DAY));
        const booking = await tx(() => this.bookings.create(gerrit, cooperativeId, { offerId: groceries.offer.id, start: yesterday.toISOString(), notes: 'Melk, brood en de apotheek graag.' }));
        await tx(() => this.bookings.confirm(sanne, cooperativeId, booking.id));
        this.clock.setTo(new Date(yesterday.getTime() + 2 * 3_600_000));
        await tx(() => this.bookings.deliver(sanne, cooperativeId, booking.id, { actualMinutes: 60, materialCents: 0 }));
        delivered = 1;
      } finally {
        this.clock.setTo(now);
      }
    }

    // Groceries next week, confirmed.
    const nextWeek = await this.firstFree(cooperativeId, groceries.offer.id, new Date(now.getTime() + 2 * DAY), new Date(now.getTime() + 9 * DAY));
    if (nextWeek) {
      const booking = await tx(() => this.bookings.create(gerrit, cooperativeId, { offerId: groceries.offer.id, start: nextWeek.toISOString(), notes: 'Graag ook de krant meenemen.' }));
      await tx(() => this.bookings.confirm(sanne, cooperativeId, booking.id));
    }

    // Homework help for the Yilmaz children, every week for six weeks.
    const firstLesson = await this.firstFree(cooperativeId, homework.offer.id, new Date(now.getTime() + DAY), new Date(now.getTime() + 8 * DAY));
    const series = firstLesson ? await tx(() => this.bookings.createSeries(yilmaz, cooperativeId, { offerId: homework.offer.id, start: firstLesson.toISOString(), weeks: 6 })) : undefined;

    // Mevrouw ter Horst has no internet: the coordinator writes her request down and proposes Sanne.
    const wilhelmina = (await tx(() => this.members.byEmail(cooperativeId, 'mien.terhorst@rivierenwijk.example')))!;
    const request = await tx(() =>
      this.helpRequests.create(fatima, cooperativeId, {
        categoryId: categories.get('boodschappen') as string,
        consumerMemberId: wilhelmina.memberId,
        description: 'Mevrouw ter Horst (90) belde: ze zoekt iemand die op vrijdag boodschappen voor haar doet.',
      }),
    );
    const proposal = await this.firstFree(cooperativeId, groceries.offer.id, new Date(now.getTime() + 3 * DAY), new Date(now.getTime() + 10 * DAY), 5);
    if (proposal) await tx(() => this.helpRequests.propose(fatima, cooperativeId, request.id, { offerId: groceries.offer.id, start: proposal.toISOString() }));

    return `3 offers, ${done + delivered + (nextWeek ? 1 : 0) + (series?.booked.length ?? 0)} bookings (one completed and reviewed, one delivered and waiting for the resident's confirmation), 1 help request with a proposal`;
  }

  /** The first free slot of an offer in [from, to), optionally on an ISO weekday. */
  private async firstFree(cooperativeId: CooperativeId, offerId: string, from: Date, to: Date, weekday?: number): Promise<Date | undefined> {
    const free = await this.uow.run({ cooperativeId }, () => this.slots.slots(cooperativeId, { from, to, notBefore: from, offerIds: [offerId], onlyFree: true }));
    const match = weekday === undefined ? free[0] : free.find((s) => ((s.start.getUTCDay() + 6) % 7) + 1 === weekday);
    return match?.start;
  }
}
