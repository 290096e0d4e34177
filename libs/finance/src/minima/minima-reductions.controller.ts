import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { MinimaReductionsService } from './minima-reductions.service';
import { MinimaReductionClaimResponse, MinimaReductionPeriodDto, mapClaim } from './dto/minima-reduction.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class MinimaReductionsController {
  constructor(private readonly reductions: MinimaReductionsService) {}

  @Get('funds/:fundId/minima-reductions')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: MinimaReductionClaimResponse, description: 'What claiming the minima tariff reductions of the period would post' })
  async preview(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Query() q: MinimaReductionPeriodDto): Promise<MinimaReductionClaimResponse> {
    return mapClaim(await this.reductions.preview(asCooperativeId(cooperativeId), fundId, q.from, q.through));
  }

  @Post('funds/:fundId/minima-reductions')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: MinimaReductionClaimResponse, description: 'Books the period’s unclaimed minima tariff reductions on the fund' })
  async claim(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Body() dto: MinimaReductionPeriodDto): Promise<MinimaReductionClaimResponse> {
    return mapClaim(await this.reductions.claim(actor, asCooperativeId(cooperativeId), fundId, dto.from, dto.through));
  }
}
