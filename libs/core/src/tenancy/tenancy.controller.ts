import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Authenticated, CurrentActor, OwnTransaction, RequiresPermission } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { UsersService } from '../auth/users.service';
import { GrantRoleDto, RoleAssignmentResponse, mapRoleAssignment } from '../auth/dto/role-assignment.dto';
import { AuditService } from '../audit/audit.service';
import { AuditEventResponse, AuditQueryDto, mapAuditEvent } from '../audit/dto/audit-event.dto';
import { asCooperativeId, asMunicipalityId } from './ids';
import { TenancyService } from './tenancy.service';
import { CooperativeResponse, MunicipalityResponse, mapCooperative, mapMunicipality } from './dto/tenancy.response';
import { namedParam } from '../errors/validation';

const uuid = namedParam(new ParseUUIDPipe({ version: undefined }));

@ApiTags('cooperatives')
@Controller('cooperatives')
export class CooperativesController {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Authenticated()
  @OwnTransaction()
  @ApiOkResponse({ type: [CooperativeResponse], description: 'The cooperatives you hold a role in' })
  async mine(@CurrentActor() actor: Actor): Promise<CooperativeResponse[]> {
    return (await this.tenancy.myCooperatives(actor)).map(mapCooperative);
  }

  @Get(':cooperativeId')
  @RequiresPermission(Permission.CooperativeRead)
  @ApiOkResponse({ type: CooperativeResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string): Promise<CooperativeResponse> {
    return mapCooperative(await this.tenancy.getCooperative(asCooperativeId(cooperativeId)));
  }

  @Get(':cooperativeId/role-assignments')
  @RequiresPermission(Permission.RoleRead)
  @ApiOkResponse({ type: [RoleAssignmentResponse] })
  async roles(@Param('cooperativeId', uuid) cooperativeId: string): Promise<RoleAssignmentResponse[]> {
    return (await this.users.list(asCooperativeId(cooperativeId))).map(mapRoleAssignment);
  }

  @Get(':cooperativeId/role-assignments/:id')
  @RequiresPermission(Permission.RoleRead)
  @ApiOkResponse({ type: RoleAssignmentResponse })
  async role(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<RoleAssignmentResponse> {
    return mapRoleAssignment(await this.users.get(asCooperativeId(cooperativeId), id));
  }

  @Post(':cooperativeId/role-assignments')
  @RequiresPermission(Permission.RoleManage)
  @ApiCreatedResponse({ type: RoleAssignmentResponse, description: 'Granted (or already held)' })
  async grant(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: GrantRoleDto): Promise<RoleAssignmentResponse> {
    return mapRoleAssignment(await this.users.grant(actor, asCooperativeId(cooperativeId), dto.email, dto.role));
  }

  @Delete(':cooperativeId/role-assignments/:id')
  @HttpCode(204)
  @RequiresPermission(Permission.RoleManage)
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<void> {
    await this.users.revoke(asCooperativeId(cooperativeId), id);
  }

  @Get(':cooperativeId/audit-events')
  @RequiresPermission(Permission.AuditRead)
  @ApiOkResponse({ type: [AuditEventResponse], description: 'Newest first' })
  async auditEvents(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: AuditQueryDto): Promise<AuditEventResponse[]> {
    return (await this.audit.list(asCooperativeId(cooperativeId), { before: query.before, limit: query.limit ?? 50 })).map(mapAuditEvent);
  }
}

@ApiTags('municipalities')
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(private readonly tenancy: TenancyService) {}

  @Get(':municipalityId')
  @RequiresPermission(Permission.MunicipalityRead)
  @ApiOkResponse({ type: MunicipalityResponse })
  async get(@Param('municipalityId', uuid) municipalityId: string): Promise<MunicipalityResponse> {
    const { municipality, cooperatives } = await this.tenancy.getMunicipality(asMunicipalityId(municipalityId));
    return mapMunicipality(municipality, cooperatives);
  }
}
