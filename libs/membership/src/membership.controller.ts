import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OwnTransaction, Permission, Public, RequiresPermission, SignUpRateLimit, asCooperativeId, namedParam } from '@buurtcoop/core';
import { ApplicationsService } from './applications/applications.service';
import { SignUpDto } from './applications/dto/sign-up.dto';
import {
  ApplicationQueryDto,
  ApplicationResponse,
  ApprovalResponse,
  RejectApplicationDto,
  SubmittedApplicationResponse,
  mapApplication,
  mapApproval,
} from './applications/dto/application.dto';
import { MembersService } from './members/members.service';
import {
  CategoriesDto,
  ChangeStatusDto,
  MemberPageResponse,
  MemberQueryDto,
  MemberResponse,
  OwnProfileResponse,
  StatusChangeResponse,
  UpdateMemberDto,
  UpdateOwnProfileDto,
  mapMember,
  mapOwnProfile,
  mapStatusChange,
} from './members/dto/member.dto';
import { ProfileService } from './profile/profile.service';
import {
  MembershipTypeResponse,
  PrivacyStatementResponse,
  CooperativeProfileResponse,
  PublishPrivacyStatementDto,
  SignUpInfoResponse,
  UpdateProfileDto,
  mapMembershipType,
  mapPrivacyStatement,
  mapProfile,
} from './profile/dto/profile.dto';

const uuid = namedParam(new ParseUUIDPipe());

/** Anyone may read a cooperative's sign-up form and apply; nothing of the register is visible here. */
@ApiTags('sign-up')
@Controller('public/cooperatives/:slug')
export class SignUpController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly profile: ProfileService,
  ) {}

  @Get()
  @Public()
  @OwnTransaction()
  @ApiOkResponse({ type: SignUpInfoResponse })
  async info(@Param('slug') slug: string): Promise<SignUpInfoResponse> {
    const info = await this.profile.signUpInfo(slug, await this.applications.cooperativeIdOf(slug));
    return { name: info.name, membershipTypes: info.types.map(mapMembershipType), privacyStatement: mapPrivacyStatement(info.statement) };
  }

  @Post('applications')
  @Public()
  @OwnTransaction()
  @SignUpRateLimit()
  @ApiCreatedResponse({ type: SubmittedApplicationResponse, description: 'Received; the board decides' })
  async apply(@Param('slug') slug: string, @Body() dto: SignUpDto): Promise<SubmittedApplicationResponse> {
    const application = await this.applications.submit(slug, dto);
    return { id: application.id, status: 'pending' };
  }
}

@ApiTags('membership')
@Controller('cooperatives/:cooperativeId')
export class MembershipController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly members: MembersService,
    private readonly profile: ProfileService,
  ) {}

  @Get('profile')
  @RequiresPermission(Permission.CooperativeRead)
  @ApiOkResponse({ type: CooperativeProfileResponse })
  async getProfile(@Param('cooperativeId', uuid) cooperativeId: string): Promise<CooperativeProfileResponse> {
    return mapProfile(await this.profile.get(asCooperativeId(cooperativeId)));
  }

  @Patch('profile')
  @RequiresPermission(Permission.ProfileManage)
  @ApiOkResponse({ type: CooperativeProfileResponse })
  async updateProfile(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: UpdateProfileDto): Promise<CooperativeProfileResponse> {
    return mapProfile(await this.profile.update(asCooperativeId(cooperativeId), dto));
  }

  @Get('privacy-statements')
  @RequiresPermission(Permission.CooperativeRead)
  @ApiOkResponse({ type: [PrivacyStatementResponse], description: 'Every version, newest first' })
  async privacyStatements(@Param('cooperativeId', uuid) cooperativeId: string): Promise<PrivacyStatementResponse[]> {
    return (await this.profile.privacyStatements(asCooperativeId(cooperativeId))).map(mapPrivacyStatement);
  }

  @Post('privacy-statements')
  @RequiresPermission(Permission.ProfileManage)
  @ApiCreatedResponse({ type: PrivacyStatementResponse, description: 'Published as the next version' })
  async publishPrivacyStatement(@Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: PublishPrivacyStatementDto): Promise<PrivacyStatementResponse> {
    return mapPrivacyStatement(await this.profile.publishPrivacyStatement(asCooperativeId(cooperativeId), dto.text));
  }

  @Get('membership-types')
  @RequiresPermission(Permission.CooperativeRead)
  @ApiOkResponse({ type: [MembershipTypeResponse] })
  async membershipTypes(@Param('cooperativeId', uuid) cooperativeId: string): Promise<MembershipTypeResponse[]> {
    return (await this.profile.membershipTypes(asCooperativeId(cooperativeId))).map(mapMembershipType);
  }

  @Get('applications')
  @RequiresPermission(Permission.ApplicationDecide)
  @ApiOkResponse({ type: [ApplicationResponse], description: 'Oldest first' })
  async listApplications(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: ApplicationQueryDto): Promise<{ items: ApplicationResponse[]; total: number }> {
    const page = await this.applications.list(asCooperativeId(cooperativeId), query.status, query.page ?? 1, query.pageSize ?? 25);
    return { items: page.items.map(mapApplication), total: page.total };
  }

  @Get('applications/:id')
  @RequiresPermission(Permission.ApplicationDecide)
  @ApiOkResponse({ type: ApplicationResponse })
  async getApplication(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ApplicationResponse> {
    return mapApplication(await this.applications.get(asCooperativeId(cooperativeId), id));
  }

  @Post('applications/:id/approve')
  @HttpCode(200)
  @RequiresPermission(Permission.ApplicationDecide)
  @ApiOkResponse({ type: ApprovalResponse, description: 'Approved: the member, with their member number' })
  async approve(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<ApprovalResponse> {
    return mapApproval(await this.applications.approve(actor, asCooperativeId(cooperativeId), id));
  }

  @Post('applications/:id/reject')
  @HttpCode(200)
  @RequiresPermission(Permission.ApplicationDecide)
  @ApiOkResponse({ type: ApplicationResponse })
  async reject(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('id', uuid) id: string,
    @Body() dto: RejectApplicationDto,
  ): Promise<ApplicationResponse> {
    return mapApplication(await this.applications.reject(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }

  @Get('members')
  @RequiresPermission(Permission.MemberRead)
  @ApiOkResponse({ type: MemberPageResponse })
  async listMembers(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: MemberQueryDto): Promise<MemberPageResponse> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const result = await this.members.search(asCooperativeId(cooperativeId), {
      search: query.search?.trim() || undefined,
      status: query.status,
      membershipTypeId: query.membershipTypeId,
      role: query.role,
      postcodeArea: query.postcodeArea,
      sort: query.sort ?? 'memberNumber',
      direction: query.direction === 'desc' ? 'DESC' : 'ASC',
      page,
      pageSize,
    });
    return { items: result.items.map(mapMember), total: result.total, page, pageSize };
  }

  @Get('members/me')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: OwnProfileResponse })
  async me(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<OwnProfileResponse> {
    const own = await this.members.own(actor, asCooperativeId(cooperativeId));
    return mapOwnProfile(own.member, own.categories);
  }

  @Patch('members/me')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: OwnProfileResponse })
  async updateMe(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: UpdateOwnProfileDto): Promise<OwnProfileResponse> {
    const own = await this.members.updateOwn(actor, asCooperativeId(cooperativeId), dto);
    return mapOwnProfile(own.member, own.categories);
  }

  @Put('members/me/categories')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: OwnProfileResponse, description: 'Stored with consent; an empty list withdraws it' })
  async setCategories(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CategoriesDto): Promise<OwnProfileResponse> {
    const own = await this.members.setOwnCategories(actor, asCooperativeId(cooperativeId), dto.categories);
    return mapOwnProfile(own.member, own.categories);
  }

  @Get('members/:id')
  @RequiresPermission(Permission.MemberRead)
  @ApiOkResponse({ type: MemberResponse })
  async getMember(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<MemberResponse & { history: StatusChangeResponse[] }> {
    const { member, history } = await this.members.view(actor, asCooperativeId(cooperativeId), id);
    return { ...mapMember(member), history: history.map(mapStatusChange) };
  }

  @Patch('members/:id')
  @RequiresPermission(Permission.MemberManage)
  @ApiOkResponse({ type: MemberResponse })
  async updateMember(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: UpdateMemberDto): Promise<MemberResponse> {
    return mapMember(await this.members.update(asCooperativeId(cooperativeId), id, dto));
  }

  @Post('members/:id/status')
  @HttpCode(200)
  @RequiresPermission(Permission.MemberManage)
  @ApiOkResponse({ type: MemberResponse, description: 'The member after the change; the history has a new line' })
  async changeStatus(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('id', uuid) id: string,
    @Body() dto: ChangeStatusDto,
  ): Promise<MemberResponse> {
    return mapMember(await this.members.changeStatus(actor, asCooperativeId(cooperativeId), id, dto.action, dto.reason));
  }
}
