import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { FundsService } from './funds.service';
import {
  AddRuleDto,
  ApplyRulesDto,
  AttributableLinePageResponse,
  AttributableQueryDto,
  AttributeDto,
  AttributionOutcomeResponse,
  BudgetRowResponse,
  CommitDto,
  CommitmentResponse,
  CreateFundDto,
  EndRuleDto,
  FundLinePageResponse,
  FundLinesQueryDto,
  FundPeriodQueryDto,
  FundQueryDto,
  FundReportResponse,
  FundResponse,
  ReleaseDto,
  RuleResponse,
  SetBudgetDto,
  UpdateFundDto,
  mapAttributable,
  mapCommitment,
  mapFund,
  mapReport,
  mapRule,
} from './dto/fund.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funds')
@Controller('cooperatives/:cooperativeId')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Get('funds')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [FundResponse], description: 'Earmarked funds, newest first' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: FundQueryDto): Promise<FundResponse[]> {
    return (await this.funds.list(asCooperativeId(cooperativeId), query.status)).map(mapFund);
  }

  @Post('funds')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: FundResponse, description: 'The fund was opened' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateFundDto): Promise<FundResponse> {
    return mapFund(await this.funds.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('funds/:fundId')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: FundResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string): Promise<FundResponse> {
    return mapFund(await this.funds.get(asCooperativeId(cooperativeId), fundId));
  }

  @Patch('funds/:fundId')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: FundResponse })
  async update(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Body() dto: UpdateFundDto): Promise<FundResponse> {
    return mapFund(await this.funds.update(asCooperativeId(cooperativeId), fundId, dto));
  }

  @Put('funds/:fundId/budget')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: [BudgetRowResponse], description: 'The budget against actual costs, per account' })
  setBudget(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Body() dto: SetBudgetDto): Promise<BudgetRowResponse[]> {
    return this.funds.setBudget(asCooperativeId(cooperativeId), fundId, dto.lines);
  }

  @Get('funds/:fundId/report')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: FundReportResponse, description: 'Received, spent, committed, unspent and available; budget against actual' })
  async report(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Query() query: FundPeriodQueryDto): Promise<FundReportResponse> {
    return mapReport(await this.funds.report(asCooperativeId(cooperativeId), fundId, query));
  }

  @Get('funds/:fundId/lines')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: FundLinePageResponse, description: 'The ledger lines behind the figures' })
  async lines(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Query() query: FundLinesQueryDto): Promise<FundLinePageResponse> {
    const [items, total] = await this.funds.lines(asCooperativeId(cooperativeId), fundId, { from: query.from, through: query.through, figure: query.figure, ...pageOf(query) });
    return { items, total };
  }

  @Post('funds/:fundId/attributions')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AttributionOutcomeResponse, description: 'The cost (or part of it) now counts as spent by the fund' })
  attribute(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Body() dto: AttributeDto): Promise<AttributionOutcomeResponse> {
    return this.funds.attribute(actor, asCooperativeId(cooperativeId), fundId, dto);
  }

  @Get('fund-attributions/candidates')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: AttributableLinePageResponse, description: 'Costs booked without a fund, not yet wholly attributed' })
  async candidates(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: AttributableQueryDto): Promise<AttributableLinePageResponse> {
    const [items, total] = await this.funds.attributableLines(asCooperativeId(cooperativeId), { from: query.from, through: query.through, accountId: query.accountId, ...pageOf(query) });
    return { items: items.map(mapAttributable), total };
  }

  @Get('fund-rules')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [RuleResponse], description: 'Attribution rules' })
  async rules(@Param('cooperativeId', uuid) cooperativeId: string): Promise<RuleResponse[]> {
    return (await this.funds.rules(asCooperativeId(cooperativeId))).map(mapRule);
  }

  @Post('fund-rules')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: RuleResponse, description: 'From now on the rule attributes a share of the account’s costs when rules are applied' })
  async addRule(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: AddRuleDto): Promise<RuleResponse> {
    return mapRule(await this.funds.addRule(actor, asCooperativeId(cooperativeId), dto));
  }

  @Patch('fund-rules/:ruleId')
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: RuleResponse, description: 'The rule ends earlier' })
  async endRule(@Param('cooperativeId', uuid) cooperativeId: string, @Param('ruleId', uuid) ruleId: string, @Body() dto: EndRuleDto): Promise<RuleResponse> {
    return mapRule(await this.funds.endRule(asCooperativeId(cooperativeId), ruleId, dto.validThrough));
  }

  @Post('fund-rules/apply')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: AttributionOutcomeResponse, description: 'Attributions made; applying again adds nothing' })
  applyRules(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: ApplyRulesDto): Promise<AttributionOutcomeResponse> {
    return this.funds.applyRules(actor.userId, asCooperativeId(cooperativeId), dto.through);
  }

  @Get('funds/:fundId/commitments')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [CommitmentResponse] })
  async commitments(@Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string): Promise<CommitmentResponse[]> {
    return (await this.funds.commitments(asCooperativeId(cooperativeId), fundId)).map(mapCommitment);
  }

  @Post('funds/:fundId/commitments')
  @RequiresPermission(Permission.FundingManage)
  @ApiCreatedResponse({ type: CommitmentResponse, description: 'Counts as committed until released' })
  async commit(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('fundId', uuid) fundId: string, @Body() dto: CommitDto): Promise<CommitmentResponse> {
    return mapCommitment(await this.funds.commit(actor, asCooperativeId(cooperativeId), fundId, dto));
  }

  @Post('funds/:fundId/commitments/:commitmentId/release')
  @HttpCode(200)
  @RequiresPermission(Permission.FundingManage)
  @ApiOkResponse({ type: CommitmentResponse })
  async release(
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('fundId', uuid) fundId: string,
    @Param('commitmentId', uuid) commitmentId: string,
    @Body() dto: ReleaseDto,
  ): Promise<CommitmentResponse> {
    return mapCommitment(await this.funds.release(asCooperativeId(cooperativeId), fundId, commitmentId, dto));
  }
}
