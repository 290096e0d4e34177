import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { pdfFile } from '../invoices/pdf-file';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';
import {
  CancelDonationDto,
  CreateDonorDto,
  CreatePledgeDto,
  DonationResponse,
  DonorOverviewResponse,
  DonorPageResponse,
  DonorQueryDto,
  DonorResponse,
  EndPledgeDto,
  OverviewQueryDto,
  PledgeResponse,
  RecordDonationDto,
  UpdateDonorDto,
  mapDonation,
  mapDonor,
} from './dto';

const uuid = namedParam(new ParseUUIDPipe());

/** The donor register, gifts and pledges: personal data, for the board and the treasurer only. */
@ApiTags('donations')
@Controller('cooperatives/:cooperativeId')
export class DonorsController {
  constructor(
    private readonly donors: DonorsService,
    private readonly donations: DonationsService,
  ) {}

  @Get('donors')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: DonorPageResponse, description: 'Donors by name, IBANs masked; ?q= searches name and contact person' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: DonorQueryDto): Promise<DonorPageResponse> {
    const [items, total] = await this.donors.search(asCooperativeId(cooperativeId), { q: query.q, kind: query.kind, ...pageOf(query) });
    return { items: items.map((d) => mapDonor(d, { masked: true })), total };
  }

  @Post('donors')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: DonorResponse })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateDonorDto): Promise<DonorResponse> {
    return mapDonor(await this.donors.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('donors/:id')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: DonorResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<DonorResponse> {
    return mapDonor(await this.donors.get(asCooperativeId(cooperativeId), id));
  }

  @Patch('donors/:id')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: DonorResponse })
  async update(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: UpdateDonorDto): Promise<DonorResponse> {
    return mapDonor(await this.donors.update(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Get('donors/:id/donations')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [DonationResponse], description: 'The donor’s gifts, newest first, cancelled ones included' })
  async donationsOf(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<DonationResponse[]> {
    return (await this.donations.ofDonor(asCooperativeId(cooperativeId), id)).map(mapDonation);
  }

  @Post('donors/:id/donations')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: DonationResponse, description: 'The gift, booked: by hand (amount, date, channel) or from a bank statement line' })
  async record(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: RecordDonationDto): Promise<DonationResponse> {
    return mapDonation(await this.donations.record(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Get('donors/:id/overview')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: DonorOverviewResponse, description: 'The year’s gifts and their total (giftenoverzicht)' })
  overview(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Query() query: OverviewQueryDto): Promise<DonorOverviewResponse> {
    return this.donations.overview(asCooperativeId(cooperativeId), id, query.year);
  }

  @Get('donors/:id/overview.pdf')
  @RequiresPermission(Permission.FundingRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The giftenoverzicht as PDF, for the donor’s tax return' })
  async overviewPdf(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Query() query: OverviewQueryDto): Promise<StreamableFile> {
    return pdfFile(await this.donations.overviewPdf(asCooperativeId(cooperativeId), id, query.year), `giftenoverzicht-${query.year}.pdf`);
  }

  @Get('donors/:id/pledges')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [PledgeResponse], description: 'The donor’s pledges: expected so far, received, behind by' })
  pledges(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<PledgeResponse[]> {
    return this.donors.pledges(asCooperativeId(cooperativeId), id);
  }

  @Post('donors/:id/pledges')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: PledgeResponse })
  createPledge(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: CreatePledgeDto): Promise<PledgeResponse> {
    return this.donors.createPledge(actor, asCooperativeId(cooperativeId), id, dto);
  }

  @Post('pledges/:id/end')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: PledgeResponse, description: 'The pledge with its last due day' })
  endPledge(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: EndPledgeDto): Promise<PledgeResponse> {
    return this.donors.endPledge(actor, asCooperativeId(cooperativeId), id, dto);
  }

  @Get('donations/:id')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: DonationResponse })
  async donation(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<DonationResponse> {
    return mapDonation(await this.donations.get(asCooperativeId(cooperativeId), id));
  }

  @Post('donations/:id/cancel')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: DonationResponse, description: 'Cancelled with a reversal entry; never deleted' })
  async cancel(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: CancelDonationDto): Promise<DonationResponse> {
    return mapDonation(await this.donations.cancel(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }

  @Get('donations/:id/letter.pdf')
  @RequiresPermission(Permission.FundingRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter of thanks (bedankbrief) as PDF' })
  async letter(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StreamableFile> {
    return pdfFile(await this.donations.letterPdf(asCooperativeId(cooperativeId), id), `bedankbrief-${id.slice(0, 8)}.pdf`);
  }
}
