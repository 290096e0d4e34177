import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OwnTransaction, Permission, RequiresPermission, asCooperativeId, asUserId, namedParam } from '@buurtcoop/core';
import { DuesService } from './dues.service';
import { DuesPlanResponse, DuesRunOutcomeResponse, DuesRunResponse, SetDuesPlanDto, StartDuesRunDto, mapDuesPlan, mapDuesRun, mapDuesRunOutcome } from './dto/dues.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('dues')
@Controller('cooperatives/:cooperativeId')
export class DuesController {
  constructor(private readonly dues: DuesService) {}

  @Get('dues-plans')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: [DuesPlanResponse] })
  async plans(@Param('cooperativeId', uuid) cooperativeId: string): Promise<DuesPlanResponse[]> {
    return (await this.dues.plans(asCooperativeId(cooperativeId))).map(mapDuesPlan);
  }

  @Put('dues-plans')
  @RequiresPermission(Permission.InvoiceManage)
  @ApiOkResponse({ type: DuesPlanResponse, description: 'The plan of this membership type, created or replaced' })
  async setPlan(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: SetDuesPlanDto): Promise<DuesPlanResponse> {
    return mapDuesPlan(await this.dues.setPlan(asCooperativeId(cooperativeId), dto));
  }

  @Delete('dues-plans/:id')
  @HttpCode(204)
  @RequiresPermission(Permission.InvoiceManage)
  @ApiNoContentResponse({ description: 'Removed; invoices issued under it stay' })
  async deletePlan(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<void> {
    await this.dues.deletePlan(asCooperativeId(cooperativeId), id);
  }

  @Get('dues-runs')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: [DuesRunResponse], description: 'The last hundred runs' })
  async runs(@Param('cooperativeId', uuid) cooperativeId: string): Promise<DuesRunResponse[]> {
    return (await this.dues.runs(asCooperativeId(cooperativeId))).map(mapDuesRun);
  }

  @Get('dues-runs/:id')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: DuesRunResponse })
  async run(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<DuesRunResponse> {
    return mapDuesRun(await this.dues.runDetail(asCooperativeId(cooperativeId), id));
  }

  @Post('dues-runs')
  @OwnTransaction()
  @RequiresPermission(Permission.InvoiceManage)
  @ApiCreatedResponse({ type: DuesRunOutcomeResponse, description: 'The period invoiced; running it again issues only what was missing' })
  async start(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: StartDuesRunDto): Promise<DuesRunOutcomeResponse> {
    return mapDuesRunOutcome(await this.dues.run(asCooperativeId(cooperativeId), dto, asUserId(actor.userId)));
  }
}
