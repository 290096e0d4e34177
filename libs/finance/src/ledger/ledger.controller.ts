import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, Clock, CurrentActor, Permission, RequiresPermission, asCooperativeId, dutchDate, namedParam } from '@buurtcoop/core';
import { LedgerService } from './ledger.service';
import { AccountResponse, AddAccountDto, CloseDto, EntryResponse, PeriodQueryDto, PostEntryDto, ReverseDto, TrialBalanceResponse, mapAccount, mapPosted } from './dto/ledger.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('ledger')
@Controller('cooperatives/:cooperativeId/ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  @Get('accounts')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: [AccountResponse] })
  async accounts(@Param('cooperativeId', uuid) cooperativeId: string): Promise<AccountResponse[]> {
    return (await this.ledger.accounts(asCooperativeId(cooperativeId))).map(mapAccount);
  }

  @Post('accounts')
  @RequiresPermission(Permission.LedgerPost)
  @ApiCreatedResponse({ type: AccountResponse })
  async addAccount(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: AddAccountDto): Promise<AccountResponse> {
    return mapAccount(await this.ledger.addAccount(asCooperativeId(cooperativeId), dto));
  }

  @Post('entries')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: EntryResponse, description: 'Posted (or, for a key posted before, the earlier entry with applied: false)' })
  async post(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: PostEntryDto): Promise<EntryResponse> {
    return mapPosted(await this.ledger.post(asCooperativeId(cooperativeId), dto, actor.userId));
  }

  @Get('entries/:id')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: EntryResponse })
  async entry(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<EntryResponse> {
    return mapPosted(await this.ledger.entry(asCooperativeId(cooperativeId), id));
  }

  @Post('entries/:id/reverse')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: EntryResponse, description: 'The reversal (the same one when asked twice)' })
  async reverse(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: ReverseDto): Promise<EntryResponse> {
    return mapPosted(await this.ledger.reverse(asCooperativeId(cooperativeId), id, actor.userId, dto.description));
  }

  @Post('close')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ description: 'The books are closed through this date' })
  async close(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CloseDto): Promise<{ closedThrough: string }> {
    return { closedThrough: await this.ledger.closeThrough(actor, asCooperativeId(cooperativeId), dto.through) };
  }

  @Get('trial-balance')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: TrialBalanceResponse })
  async trialBalance(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PeriodQueryDto): Promise<TrialBalanceResponse> {
    const accounts = await this.ledger.trialBalance(asCooperativeId(cooperativeId), query.from ?? null, query.through ?? dutchDate(this.clock.now()));
    return { accounts, totalCents: accounts.reduce((sum, a) => sum + a.balanceCents, 0) };
  }

  @Get('accounts/:accountId/lines')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ description: 'The account’s lines with the running balance' })
  accountLines(@Param('cooperativeId', uuid) cooperativeId: string, @Param('accountId', uuid) accountId: string, @Query() query: PeriodQueryDto) {
    return this.ledger.accountLines(asCooperativeId(cooperativeId), accountId, query.from ?? null, query.through ?? dutchDate(this.clock.now()));
  }

  @Get('statements')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ description: 'Balans at `through` and staat van baten en lasten over the period' })
  statements(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PeriodQueryDto) {
    const through = query.through ?? dutchDate(this.clock.now());
    return this.ledger.statements(asCooperativeId(cooperativeId), query.from ?? `${through.slice(0, 4)}-01-01`, through);
  }
}
