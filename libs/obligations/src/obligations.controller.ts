import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, Clock, CurrentActor, PageQueryDto, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import {
  BulkActionDto,
  BulkResponse,
  EvaluationResponse,
  ObligationDetailResponse,
  ObligationPageResponse,
  ObligationPolicyResponse,
  UpdateObligationPolicyDto,
  WaiveDto,
  WorklistQueryDto,
  WorklistSummaryRow,
  mapEvent,
  mapObligation,
  mapPolicy,
} from './dto/obligation.dto';
import { ObligationsEngine } from './engine/obligations-engine';
import { OBLIGATION_TYPES, ObligationType } from './obligation-types';
import { ObligationPoliciesService } from './obligation-policies.service';
import { ObligationsService } from './obligations.service';

const uuid = namedParam(new ParseUUIDPipe());
const obligationType = namedParam(new ParseEnumPipe(Object.fromEntries(OBLIGATION_TYPES.map((t) => [t, t]))));

@ApiTags('obligations')
@Controller('cooperatives/:cooperativeId')
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly policies: ObligationPoliciesService,
    private readonly engine: ObligationsEngine,
    private readonly clock: Clock,
  ) {}

  @Get('obligations')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: ObligationPageResponse, description: 'The worklist: overdue and escalated obligations by default, longest overdue first' })
  async worklist(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: WorklistQueryDto): Promise<ObligationPageResponse> {
    const { items, total } = await this.obligations.worklist(asCooperativeId(cooperativeId), {
      statuses: query.status,
      types: query.type,
      memberId: query.memberId,
      minAgeDays: query.minAgeDays,
      ...pageOf(query),
    });
    const now = this.clock.now();
    return { items: items.map((o) => mapObligation(o, now)), total };
  }

  @Get('obligations/summary')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: [WorklistSummaryRow], description: 'Unmet obligations counted by type, status and days overdue' })
  summary(@Param('cooperativeId', uuid) cooperativeId: string): Promise<WorklistSummaryRow[]> {
    return this.obligations.summary(asCooperativeId(cooperativeId));
  }

  @Post('obligations/evaluate')
  @HttpCode(200)
  @RequiresPermission(Permission.ObligationManage)
  @ApiOkResponse({ type: EvaluationResponse, description: 'Evaluates now what the worker evaluates every hour' })
  evaluate(@Param('cooperativeId', uuid) cooperativeId: string): Promise<EvaluationResponse> {
    return this.engine.evaluate(asCooperativeId(cooperativeId));
  }

  @Post('obligations/bulk')
  @HttpCode(200)
  @RequiresPermission(Permission.ObligationManage)
  @ApiOkResponse({ type: BulkResponse, description: 'Waives or reminds many obligations at once' })
  async bulk(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: BulkActionDto): Promise<BulkResponse> {
    return { results: await this.obligations.bulk(actor, asCooperativeId(cooperativeId), dto.ids, dto.action, dto.reason) };
  }

  @Get('obligations/:id')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: ObligationDetailResponse, description: 'One obligation with its history' })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ObligationDetailResponse> {
    const { obligation, events } = await this.obligations.get(asCooperativeId(cooperativeId), id);
    return { ...mapObligation(obligation, this.clock.now()), events: events.map(mapEvent) };
  }

  @Post('obligations/:id/waive')
  @HttpCode(200)
  @RequiresPermission(Permission.ObligationManage)
  @ApiOkResponse({ type: ObligationDetailResponse, description: 'Waives an obligation, with a reason' })
  async waive(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: WaiveDto): Promise<ObligationDetailResponse> {
    const { obligation, events } = await this.obligations.waive(actor, asCooperativeId(cooperativeId), id, dto.reason);
    return { ...mapObligation(obligation, this.clock.now()), events: events.map(mapEvent) };
  }

  @Get('me/obligations')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: ObligationPageResponse, description: 'My obligations, met and unmet' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PageQueryDto): Promise<ObligationPageResponse> {
    const { items, total } = await this.obligations.own(actor, asCooperativeId(cooperativeId), pageOf(query));
    const now = this.clock.now();
    return { items: items.map((o) => mapObligation(o, now)), total };
  }

  @Get('obligation-policies')
  @RequiresPermission(Permission.ObligationRead)
  @ApiOkResponse({ type: [ObligationPolicyResponse], description: 'Each type’s term and escalation steps' })
  async listPolicies(@Param('cooperativeId', uuid) cooperativeId: string): Promise<ObligationPolicyResponse[]> {
    return (await this.policies.views(asCooperativeId(cooperativeId))).map(mapPolicy);
  }

  @Put('obligation-policies/:type')
  @RequiresPermission(Permission.ObligationManage)
  @ApiOkResponse({ type: ObligationPolicyResponse, description: 'Sets a type’s term and escalation steps' })
  async updatePolicy(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('type', obligationType) type: ObligationType, @Body() dto: UpdateObligationPolicyDto): Promise<ObligationPolicyResponse> {
    return mapPolicy(await this.policies.update(asCooperativeId(cooperativeId), type, dto, actor.userId));
  }
}
