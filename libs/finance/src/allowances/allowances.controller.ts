import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { AllowancesService } from './allowances.service';
import {
  AllowanceCapsResponse,
  AllowancePageResponse,
  AllowanceQueryDto,
  AllowanceResponse,
  CancelAllowanceDto,
  GrantAllowanceDto,
  OwnAllowanceQueryDto,
  SetAllowanceCapsDto,
  mapAllowance,
  mapCaps,
} from './dto/allowance.dto';

const uuid = namedParam(new ParseUUIDPipe());
const year = namedParam(new ParseIntPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class AllowancesController {
  constructor(private readonly allowances: AllowancesService) {}

  @Get('allowance-caps/:year')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AllowanceCapsResponse, description: 'The tax-free caps that apply in a year, and which year’s they are' })
  async caps(@Param('cooperativeId', uuid) cooperativeId: string, @Param('year', year) y: number): Promise<AllowanceCapsResponse> {
    return mapCaps(y, await this.allowances.caps(asCooperativeId(cooperativeId), y));
  }

  @Put('allowance-caps/:year')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AllowanceCapsResponse, description: 'Sets the caps of a year' })
  async setCaps(@Param('cooperativeId', uuid) cooperativeId: string, @Param('year', year) y: number, @Body() dto: SetAllowanceCapsDto): Promise<AllowanceCapsResponse> {
    return mapCaps(y, await this.allowances.setCaps(asCooperativeId(cooperativeId), y, dto));
  }

  @Post('allowances')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AllowanceResponse, description: 'Grants a volunteer allowance within the caps and books it' })
  async grant(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: GrantAllowanceDto): Promise<AllowanceResponse> {
    return mapAllowance(await this.allowances.grant(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('allowances')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AllowancePageResponse, description: 'Allowances, per volunteer or month' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: AllowanceQueryDto): Promise<AllowancePageResponse> {
    const { items, total } = await this.allowances.list(asCooperativeId(cooperativeId), { memberId: query.memberId, month: query.month, ...pageOf(query) });
    return { items: items.map(mapAllowance), total };
  }

  @Get('allowances/:id')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AllowanceResponse, description: 'One allowance' })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<AllowanceResponse> {
    return mapAllowance(await this.allowances.get(asCooperativeId(cooperativeId), id));
  }

  @Post('allowances/:id/cancel')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AllowanceResponse, description: 'Cancels an allowance; its ledger entry is reversed' })
  async cancel(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: CancelAllowanceDto): Promise<AllowanceResponse> {
    return mapAllowance(await this.allowances.cancel(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }

  @Get('me/allowances')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: AllowancePageResponse, description: 'Your volunteer allowances' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: OwnAllowanceQueryDto): Promise<AllowancePageResponse> {
    const { items, total } = await this.allowances.own(actor, asCooperativeId(cooperativeId), { month: query.month, ...pageOf(query) });
    return { items: items.map(mapAllowance), total };
  }
}
