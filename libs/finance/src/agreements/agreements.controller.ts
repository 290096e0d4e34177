import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OwnTransaction, Permission, RequiresPermission, asCooperativeId, asMunicipalityId, namedParam } from '@buurtcoop/core';
import { ReceiveTrancheDto } from '../funding/dto/funding-schedule.dto';
import { AgreementsService } from './agreements.service';
import {
  AgreementResponse,
  MatchingQueryDto,
  MatchingResponse,
  MunicipalAgreementResponse,
  RecordAgreementDto,
  SettleAgreementDto,
  StartReviewDto,
  SubmitAccountabilityDto,
  mapAgreement,
  mapMatching,
  mapMunicipalAgreement,
} from './dto/agreement.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post('agreements')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: AgreementResponse, description: 'The subsidiebeschikking, recorded with its fund, advances, targets and tier' })
  async record(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: RecordAgreementDto): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.record(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('agreements')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [AgreementResponse], description: 'Co-finance agreements, newest period first (without their schedules)' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string): Promise<AgreementResponse[]> {
    return (await this.agreements.list(asCooperativeId(cooperativeId))).map((agreement) => mapAgreement({ agreement, targets: [], tranches: [], reports: [] }));
  }

  @Get('agreements/:id')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AgreementResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.detail(asCooperativeId(cooperativeId), id));
  }

  @Get('agreements/:id/matching')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: MatchingResponse, description: 'Own-source income in the period from the ledger and the matching it earns' })
  async matching(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Query() query: MatchingQueryDto): Promise<MatchingResponse> {
    return mapMatching(await this.agreements.matching(asCooperativeId(cooperativeId), id, query.through));
  }

  @Post('agreements/:id/advances/:trancheId/receive')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AgreementResponse, description: 'Booked: D 1100 bank / C 8400 cofinanciering gemeente on the fund, or the bank line given' })
  async receive(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Param('trancheId', uuid) trancheId: string, @Body() dto: ReceiveTrancheDto): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.receiveAdvance(actor, asCooperativeId(cooperativeId), id, trancheId, dto));
  }

  @Post('agreements/:id/accountability')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AgreementResponse, description: 'Accountability submitted with the documents its tier needs' })
  async accountability(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: SubmitAccountabilityDto): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.submitAccountability(asCooperativeId(cooperativeId), id, dto));
  }

  @Post('agreements/:id/review')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AgreementResponse, description: 'The municipality started its review' })
  async review(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: StartReviewDto): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.startReview(actor, asCooperativeId(cooperativeId), id, dto.startedOn));
  }

  @Post('agreements/:id/settlement')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AgreementResponse, description: 'Settled (vaststelling); the difference with the advances is booked as repayable or receivable' })
  async settle(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: SettleAgreementDto): Promise<AgreementResponse> {
    return mapAgreement(await this.agreements.settle(actor, asCooperativeId(cooperativeId), id, dto));
  }
}

@ApiTags('municipalities')
@Controller('municipalities/:municipalityId')
export class MunicipalAgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get('agreements')
  @RequiresPermission(Permission.MunicipalityRead)
  // Reads each cooperative in a transaction of its own, with that cooperative as the tenant.
  @OwnTransaction()
  @ApiOkResponse({ type: [MunicipalAgreementResponse], description: 'The co-finance agreements of the cooperatives in this municipality, in aggregate' })
  async list(@Param('municipalityId', uuid) municipalityId: string): Promise<MunicipalAgreementResponse[]> {
    return (await this.agreements.forMunicipality(asMunicipalityId(municipalityId))).map(mapMunicipalAgreement);
  }
}
