import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import {
  AmendMandateDto,
  CreateMandateDto,
  MandateQueryDto,
  MandateResponse,
  RevokeMandateDto,
  SepaSettingsDto,
  SepaSettingsResponse,
  SignOwnMandateDto,
  mapMandate,
  mapSettings,
} from './dto/sepa.dto';
import { SepaMandatesService } from './sepa-mandates.service';
import { SepaSettingsService } from './sepa-settings.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('sepa')
@Controller('cooperatives/:cooperativeId/sepa')
export class SepaController {
  constructor(
    private readonly settings: SepaSettingsService,
    private readonly mandates: SepaMandatesService,
  ) {}

  @Get('settings')
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: SepaSettingsResponse })
  async getSettings(@Param('cooperativeId', uuid) cooperativeId: string): Promise<SepaSettingsResponse> {
    return mapSettings(await this.settings.get(asCooperativeId(cooperativeId)));
  }

  @Put('settings')
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: SepaSettingsResponse })
  async putSettings(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: SepaSettingsDto): Promise<SepaSettingsResponse> {
    return mapSettings(await this.settings.update(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('mandates')
  @RequiresPermission(Permission.SepaRead)
  @ApiOkResponse({ type: [MandateResponse] })
  async list(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: MandateQueryDto): Promise<MandateResponse[]> {
    return (await this.mandates.list(actor, asCooperativeId(cooperativeId), query)).map(mapMandate);
  }

  @Post('mandates')
  @RequiresPermission(Permission.SepaManage)
  @ApiCreatedResponse({ type: MandateResponse, description: 'Recorded from a signed paper form' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateMandateDto): Promise<MandateResponse> {
    return mapMandate(await this.mandates.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('mandates/:id')
  @RequiresPermission(Permission.SepaRead)
  @ApiOkResponse({ type: MandateResponse, description: 'With its amendment history' })
  async get(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<MandateResponse> {
    return mapMandate(await this.mandates.get(actor, asCooperativeId(cooperativeId), id));
  }

  @Post('mandates/:id/amend')
  @HttpCode(200)
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: MandateResponse, description: 'Amended; the change is reported with the next collection' })
  async amend(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: AmendMandateDto): Promise<MandateResponse> {
    return mapMandate(await this.mandates.amend(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Post('mandates/:id/revoke')
  @HttpCode(200)
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: MandateResponse, description: 'Revoked: it is never collected on again' })
  async revoke(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: RevokeMandateDto): Promise<MandateResponse> {
    return mapMandate(await this.mandates.revoke(actor, asCooperativeId(cooperativeId), id, dto));
  }
}

@ApiTags('sepa')
@Controller('cooperatives/:cooperativeId/me/sepa-mandates')
export class OwnSepaMandatesController {
  constructor(private readonly mandates: SepaMandatesService) {}

  @Get()
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: [MandateResponse], description: 'Your own mandates' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<MandateResponse[]> {
    return (await this.mandates.own(actor, asCooperativeId(cooperativeId))).map(mapMandate);
  }

  @Post()
  @RequiresPermission(Permission.SelfService)
  @ApiCreatedResponse({ type: MandateResponse, description: 'Signed: the cooperative may collect your dues from this account' })
  async sign(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: SignOwnMandateDto): Promise<MandateResponse> {
    return mapMandate(await this.mandates.signOwn(actor, asCooperativeId(cooperativeId), dto));
  }
}
