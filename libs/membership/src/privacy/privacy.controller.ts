import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { MemberDataExport, PrivacyService } from './privacy.service';
import { ErasureRequestDto, PrivacyRequestResponse, RejectPrivacyRequestDto, mapPrivacyRequest } from './dto/privacy.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('privacy')
@Controller('cooperatives/:cooperativeId')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('members/me/data')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ description: 'Everything the cooperative keeps about you, as JSON' })
  exportOwn(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<MemberDataExport> {
    return this.privacy.exportOwn(actor, asCooperativeId(cooperativeId));
  }

  @Post('members/me/erasure-request')
  @RequiresPermission(Permission.SelfService)
  @ApiCreatedResponse({ type: PrivacyRequestResponse, description: 'Asked (or already pending); the board handles it' })
  async requestErasure(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: ErasureRequestDto): Promise<PrivacyRequestResponse> {
    return mapPrivacyRequest(await this.privacy.requestErasure(actor, asCooperativeId(cooperativeId), dto.reason));
  }

  @Get('privacy-requests')
  @RequiresPermission(Permission.PrivacyRequestHandle)
  @ApiOkResponse({ type: [PrivacyRequestResponse] })
  async list(@Param('cooperativeId', uuid) cooperativeId: string): Promise<PrivacyRequestResponse[]> {
    return (await this.privacy.list(asCooperativeId(cooperativeId))).map(mapPrivacyRequest);
  }

  @Post('privacy-requests/:id/complete')
  @HttpCode(200)
  @RequiresPermission(Permission.PrivacyRequestHandle)
  @ApiOkResponse({ type: PrivacyRequestResponse, description: 'The member is erased: personal data wiped, financial records kept, anonymised' })
  async complete(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<PrivacyRequestResponse> {
    return mapPrivacyRequest(await this.privacy.complete(actor, asCooperativeId(cooperativeId), id));
  }

  @Post('privacy-requests/:id/reject')
  @HttpCode(200)
  @RequiresPermission(Permission.PrivacyRequestHandle)
  @ApiOkResponse({ type: PrivacyRequestResponse })
  async reject(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('id', uuid) id: string,
    @Body() dto: RejectPrivacyRequestDto,
  ): Promise<PrivacyRequestResponse> {
    return mapPrivacyRequest(await this.privacy.reject(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }
}
