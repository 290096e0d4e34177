import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { ReceiveTrancheDto, SubmitReportDto, TrancheDto } from '../funding/dto/funding-schedule.dto';
import { GrantsService } from './grants.service';
import { ApplyGrantDto, AwardGrantDto, CloseGrantDto, GrantQueryDto, GrantResponse, RejectGrantDto, mapGrant } from './dto/grant.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Post('grants')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: GrantResponse, description: 'The application, as sent to the foundation' })
  async apply(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: ApplyGrantDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.apply(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('grants')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [GrantResponse], description: 'Applications and grants, newest first (without their schedules)' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: GrantQueryDto): Promise<GrantResponse[]> {
    return (await this.grants.list(asCooperativeId(cooperativeId), query.status)).map((grant) => mapGrant({ grant, tranches: [], reports: [] }));
  }

  @Get('grants/:id')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: GrantResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<GrantResponse> {
    return mapGrant(await this.grants.detail(asCooperativeId(cooperativeId), id));
  }

  @Post('grants/:id/award')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: GrantResponse, description: 'Awarded; linked to its fund' })
  async award(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: AwardGrantDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.award(actor, asCooperativeId(cooperativeId), id, { ...dto, tranches: dto.tranches ?? [] }));
  }

  @Post('grants/:id/reject')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: GrantResponse })
  async reject(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: RejectGrantDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.reject(asCooperativeId(cooperativeId), id, dto));
  }

  @Post('grants/:id/tranches')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: GrantResponse, description: 'The tranche is added to the schedule' })
  async addTranche(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: TrancheDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.addTranche(asCooperativeId(cooperativeId), id, dto));
  }

  @Post('grants/:id/tranches/:trancheId/receive')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: GrantResponse, description: 'Booked: D 1100 bank / C 8300 subsidies fondsen on the grant’s fund, or the bank line given' })
  async receive(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Param('trancheId', uuid) trancheId: string, @Body() dto: ReceiveTrancheDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.receiveTranche(actor, asCooperativeId(cooperativeId), id, trancheId, dto));
  }

  @Post('grants/:id/reports/:reportId/submit')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: GrantResponse })
  async submitReport(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Param('reportId', uuid) reportId: string, @Body() dto: SubmitReportDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.submitReport(asCooperativeId(cooperativeId), id, reportId, dto.submittedOn));
  }

  @Post('grants/:id/close')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: GrantResponse })
  async close(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: CloseGrantDto): Promise<GrantResponse> {
    return mapGrant(await this.grants.close(asCooperativeId(cooperativeId), id, dto.closedOn));
  }
}
