import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { CatalogueService } from './catalogue/catalogue.service';
import { CategoryResponse, PolicyResponse, UpdateCategoryDto, UpdatePolicyDto, mapCategory, mapPolicy } from './catalogue/dto/catalogue.dto';
import { CredentialsService } from './credentials/credentials.service';
import { AddCredentialDto, CredentialResponse, mapCredential } from './credentials/dto/credential.dto';
import { OffersService } from './offers/offers.service';
import { AddExceptionDto, CreateOfferDto, OfferResponse, SearchQueryDto, SearchResultResponse, UpdateOfferDto, mapOffer, mapSlot } from './offers/dto/offer.dto';
import { BookingsService } from './bookings/bookings.service';
import { BookingQueryDto, BookingResponse, CreateBookingDto, CreateSeriesDto, DeliverDto, DisputeDto, ResolveDisputeDto, SeriesResponse, mapBooking } from './bookings/dto/booking.dto';
import { localTime } from './offers/dto/offer.dto';
import { HelpRequestsService } from './help-requests/help-requests.service';
import { CreateHelpRequestDto, HelpRequestQueryDto, HelpRequestResponse, ProposeDto, mapHelpRequest } from './help-requests/dto/help-request.dto';
import { ReviewsService } from './reviews/reviews.service';
import { ReviewResponse, WriteReviewDto, mapReview } from './reviews/dto/review.dto';
import { HoursService } from './hours/hours.service';
import { HoursQueryDto, HoursRow } from './hours/dto/hours.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('catalogue')
@Controller('cooperatives/:cooperativeId')
export class CatalogueController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly credentials: CredentialsService,
  ) {}

  @Get('service-categories')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [CategoryResponse] })
  async categories(@Param('cooperativeId', uuid) cooperativeId: string): Promise<CategoryResponse[]> {
    return (await this.catalogue.list(asCooperativeId(cooperativeId))).map(mapCategory);
  }

  @Patch('service-categories/:id')
  @RequiresPermission(Permission.CatalogueManage)
  @ApiOkResponse({ type: CategoryResponse })
  async updateCategory(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: UpdateCategoryDto): Promise<CategoryResponse> {
    return mapCategory(await this.catalogue.update(asCooperativeId(cooperativeId), id, dto));
  }

  @Get('exchange-policy')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: PolicyResponse })
  async policy(@Param('cooperativeId', uuid) cooperativeId: string): Promise<PolicyResponse> {
    return mapPolicy(await this.catalogue.policy(asCooperativeId(cooperativeId)));
  }

  @Patch('exchange-policy')
  @RequiresPermission(Permission.CatalogueManage)
  @ApiOkResponse({ type: PolicyResponse })
  async updatePolicy(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: UpdatePolicyDto): Promise<PolicyResponse> {
    return mapPolicy(await this.catalogue.updatePolicy(asCooperativeId(cooperativeId), dto));
  }

  @Get('credentials/mine')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [CredentialResponse] })
  async myCredentials(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<CredentialResponse[]> {
    return (await this.credentials.own(actor, asCooperativeId(cooperativeId))).map(mapCredential);
  }

  @Post('credentials')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: CredentialResponse, description: 'Registered; counts once a coordinator verified it' })
  async addCredential(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: AddCredentialDto): Promise<CredentialResponse> {
    return mapCredential(await this.credentials.addOwn(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('credentials/unverified')
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: [CredentialResponse], description: 'Waiting for a coordinator to check the original' })
  async unverified(@Param('cooperativeId', uuid) cooperativeId: string): Promise<CredentialResponse[]> {
    return (await this.credentials.unverified(asCooperativeId(cooperativeId))).map(mapCredential);
  }

  @Post('credentials/:id/verify')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: CredentialResponse })
  async verify(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<CredentialResponse> {
    return mapCredential(await this.credentials.verify(actor, asCooperativeId(cooperativeId), id));
  }
}

@ApiTags('offers')
@Controller('cooperatives/:cooperativeId/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get('search')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [SearchResultResponse], description: 'Offers with their free, bookable slots' })
  async search(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: SearchQueryDto): Promise<SearchResultResponse[]> {
    return (await this.offers.search(asCooperativeId(cooperativeId), query)).map((r) => ({
      offerId: r.offer.id,
      providerName: r.providerName,
      description: r.offer.description,
      rateCents: r.offer.rateCents,
      slots: r.slots.map(mapSlot),
    }));
  }

  @Get('mine')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [OfferResponse] })
  async mine(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<OfferResponse[]> {
    return (await this.offers.mine(actor, asCooperativeId(cooperativeId))).map(mapOffer);
  }

  @Post()
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: OfferResponse })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateOfferDto): Promise<OfferResponse> {
    return mapOffer(await this.offers.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get(':id')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: OfferResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<OfferResponse> {
    return mapOffer(await this.offers.detail(asCooperativeId(cooperativeId), id));
  }

  @Patch(':id')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: OfferResponse, description: 'Your offer, changed (pause with paused: true)' })
  async update(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: UpdateOfferDto): Promise<OfferResponse> {
    return mapOffer(await this.offers.update(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Post(':id/exceptions')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: OfferResponse, description: 'Days away added' })
  async addException(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: AddExceptionDto): Promise<OfferResponse> {
    return mapOffer(await this.offers.addException(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Delete(':id/exceptions/:exceptionId')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: OfferResponse })
  async removeException(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('id', uuid) id: string,
    @Param('exceptionId', uuid) exceptionId: string,
  ): Promise<OfferResponse> {
    return mapOffer(await this.offers.removeException(actor, asCooperativeId(cooperativeId), id, exceptionId));
  }
}

@ApiTags('bookings')
@Controller('cooperatives/:cooperativeId/bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Post('series')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: SeriesResponse, description: 'Weekly bookings; dates that could not be booked are listed with the reason' })
  async series(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateSeriesDto): Promise<SeriesResponse> {
    const outcome = await this.bookings.createSeries(actor, asCooperativeId(cooperativeId), dto);
    return {
      seriesId: outcome.seriesId,
      booked: outcome.booked.map(mapBooking),
      conflicts: outcome.conflicts.map((c) => ({ start: c.start.toISOString(), localStart: localTime(c.start), code: c.code, reason: c.reason })),
    };
  }

  @Post(':id/reviews')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: ReviewResponse })
  async review(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: WriteReviewDto): Promise<ReviewResponse> {
    return mapReview(await this.reviews.write(actor, asCooperativeId(cooperativeId), id, dto.rating, dto.comment));
  }

  @Get(':id/reviews')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [ReviewResponse], description: 'Shown once both sides reviewed, or seven days after completion' })
  async listReviews(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ReviewResponse[]> {
    return (await this.reviews.list(actor, asCooperativeId(cooperativeId), id)).map(mapReview);
  }

  @Post()
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: BookingResponse, description: 'Requested; the provider confirms. 409 when the slot was just taken.' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateBookingDto): Promise<BookingResponse> {
    return mapBooking(await this.bookings.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get()
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: [BookingResponse], description: 'Coordinators: every booking, e.g. ?status=disputed to follow up' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: BookingQueryDto): Promise<BookingResponse[]> {
    return (await this.bookings.list(asCooperativeId(cooperativeId), query.status)).map(mapBooking);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: BookingResponse, description: 'The dispute is settled: completed (with corrections) or cancelled' })
  async resolve(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: ResolveDisputeDto): Promise<BookingResponse> {
    return mapBooking(await this.bookings.resolve(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Get('mine')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [BookingResponse], description: 'Bookings you receive or provide' })
  async mine(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: BookingQueryDto): Promise<BookingResponse[]> {
    return (await this.bookings.mine(actor, asCooperativeId(cooperativeId), query.status)).map(mapBooking);
  }

  @Get(':id')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse })
  async get(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking((await this.bookings.get(actor, asCooperativeId(cooperativeId), id)).booking);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The provider accepts' })
  async confirm(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking(await this.bookings.confirm(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The provider turns the request down' })
  async decline(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking(await this.bookings.decline(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'Cancelled by either side; late within the notice period' })
  async cancel(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking(await this.bookings.cancel(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The other side did not turn up' })
  async noShow(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking(await this.bookings.noShow(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The provider logs the time spent and materials' })
  async deliver(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: DeliverDto): Promise<BookingResponse> {
    return mapBooking(await this.bookings.deliver(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The resident confirms the work' })
  async complete(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BookingResponse> {
    return mapBooking(await this.bookings.complete(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: BookingResponse, description: 'The resident disputes the logged work; a coordinator follows up' })
  async dispute(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: DisputeDto): Promise<BookingResponse> {
    return mapBooking(await this.bookings.dispute(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }
}

@ApiTags('help requests')
@Controller('cooperatives/:cooperativeId/help-requests')
export class HelpRequestsController {
  constructor(private readonly requests: HelpRequestsService) {}

  @Post()
  @RequiresPermission(Permission.ExchangeUse)
  @ApiCreatedResponse({ type: HelpRequestResponse, description: 'A need written down; a coordinator looks for a provider' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateHelpRequestDto): Promise<HelpRequestResponse> {
    return mapHelpRequest(await this.requests.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get()
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [HelpRequestResponse], description: 'Coordinators: all; members: their own and those proposed to them' })
  async list(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: HelpRequestQueryDto): Promise<HelpRequestResponse[]> {
    return (await this.requests.list(actor, asCooperativeId(cooperativeId), query.status)).map(mapHelpRequest);
  }

  @Get(':id')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: HelpRequestResponse })
  async get(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<HelpRequestResponse> {
    return mapHelpRequest((await this.requests.get(actor, asCooperativeId(cooperativeId), id)).request);
  }

  @Post(':id/propose')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: HelpRequestResponse, description: 'A provider and a time proposed to both sides' })
  async propose(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: ProposeDto): Promise<HelpRequestResponse> {
    return mapHelpRequest(await this.requests.propose(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: HelpRequestResponse, description: 'Accepted by this side; booked once both accepted' })
  async accept(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<HelpRequestResponse> {
    return mapHelpRequest(await this.requests.accept(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: HelpRequestResponse, description: 'The proposal is declined; the request is open again' })
  async decline(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<HelpRequestResponse> {
    return mapHelpRequest(await this.requests.decline(actor, asCooperativeId(cooperativeId), id));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: HelpRequestResponse })
  async withdraw(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<HelpRequestResponse> {
    return mapHelpRequest(await this.requests.withdraw(actor, asCooperativeId(cooperativeId), id));
  }
}

@ApiTags('hours')
@Controller('cooperatives/:cooperativeId/hours')
export class HoursController {
  constructor(private readonly hours: HoursService) {}

  @Get()
  @RequiresPermission(Permission.ExchangeCoordinate)
  @ApiOkResponse({ type: [HoursRow], description: 'Minutes given and received per member, category and month' })
  report(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: HoursQueryDto): Promise<HoursRow[]> {
    return this.hours.report(asCooperativeId(cooperativeId), query);
  }

  @Get('mine')
  @RequiresPermission(Permission.ExchangeUse)
  @ApiOkResponse({ type: [HoursRow], description: 'Your own time account' })
  mine(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: HoursQueryDto): Promise<HoursRow[]> {
    return this.hours.mine(actor, asCooperativeId(cooperativeId), { from: query.from, to: query.to });
  }
}
