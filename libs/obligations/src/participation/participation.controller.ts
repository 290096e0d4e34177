import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { pdfFile } from '@buurtcoop/finance';
import { ParticipationService } from './participation.service';
import {
  AgreementQueryDto,
  ParticipationAgreementResponse,
  AgreementWithMonthsResponse,
  EndAgreementDto,
  RecordParticipationAgreementDto,
  mapAgreement,
  mapAgreementWithMonths,
} from './dto/participation-agreement.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('obligations')
@Controller('cooperatives/:cooperativeId')
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Post('participation-agreements')
  @RequiresPermission(Permission.ObligationManage)
  @ApiCreatedResponse({ type: ParticipationAgreementResponse, description: 'The agreement is recorded; its months count from its start' })
  async record(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: RecordParticipationAgreementDto): Promise<ParticipationAgreementResponse> {
    return mapAgreement(await this.participation.record(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('participation-agreements')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: [ParticipationAgreementResponse], description: 'Agreements, newest start first' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: AgreementQueryDto): Promise<ParticipationAgreementResponse[]> {
    return (await this.participation.list(asCooperativeId(cooperativeId), { memberId: query.memberId, active: query.active === undefined ? undefined : query.active === 'true' })).map(mapAgreement);
  }

  @Get('participation-agreements/:id')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: AgreementWithMonthsResponse, description: 'The agreement with every month so far, agreed against delivered' })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<AgreementWithMonthsResponse> {
    return mapAgreementWithMonths(await this.participation.get(asCooperativeId(cooperativeId), id));
  }

  @Post('participation-agreements/:id/end')
  @HttpCode(200)
  @RequiresPermission(Permission.ObligationManage)
  @ApiOkResponse({ type: AgreementWithMonthsResponse, description: 'The agreement ends on the date given' })
  async end(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: EndAgreementDto): Promise<AgreementWithMonthsResponse> {
    return mapAgreementWithMonths(await this.participation.end(asCooperativeId(cooperativeId), id, dto.endsOn));
  }

  @Get('me/participation-agreements')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: [AgreementWithMonthsResponse], description: 'Your participation agreements, each with its months' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<AgreementWithMonthsResponse[]> {
    return (await this.participation.own(actor, asCooperativeId(cooperativeId))).map(mapAgreementWithMonths);
  }

  @Put('participation-agreements/:id/attestation-consent')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: ParticipationAgreementResponse, description: 'You consent to attestations of your agreement being issued (only the member may)' })
  async giveConsent(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ParticipationAgreementResponse> {
    return mapAgreement(await this.participation.giveConsent(actor, asCooperativeId(cooperativeId), id));
  }

  @Delete('participation-agreements/:id/attestation-consent')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: ParticipationAgreementResponse, description: 'You withdraw your consent; no attestation is issued any more (only the member may)' })
  async withdrawConsent(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ParticipationAgreementResponse> {
    return mapAgreement(await this.participation.withdrawConsent(actor, asCooperativeId(cooperativeId), id));
  }

  @Get('participation-agreements/:id/attestations/:month')
  @RequiresPermission(Permission.SelfService)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The attestation of one month (YYYY-MM) as PDF, for the member or the board, while the member consents' })
  async attestation(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Param('month') month: string): Promise<StreamableFile> {
    const { pdf, fileName } = await this.participation.attestation(actor, asCooperativeId(cooperativeId), id, month);
    return pdfFile(pdf, fileName);
  }
}
