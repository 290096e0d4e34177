import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, PageQueryDto, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { NotificationsService } from './notifications.service';
import { NotificationPageResponse, mapNotification } from './dto/notification.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('membership')
@Controller('cooperatives/:cooperativeId')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('members/me/notifications')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: NotificationPageResponse, description: 'The messages the cooperative wrote to you, newest first' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PageQueryDto): Promise<NotificationPageResponse> {
    const page = await this.notifications.own(actor, asCooperativeId(cooperativeId), pageOf(query));
    return { ...page, items: page.items.map(mapNotification) };
  }

  @Get('members/:memberId/notifications')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: NotificationPageResponse, description: 'The messages written to one member, newest first: the board sees any member’s, a member only their own' })
  async forMember(
    @CurrentActor() actor: Actor,
    @Param('cooperativeId', uuid) cooperativeId: string,
    @Param('memberId', uuid) memberId: string,
    @Query() query: PageQueryDto,
  ): Promise<NotificationPageResponse> {
    const page = await this.notifications.forMember(actor, asCooperativeId(cooperativeId), memberId, pageOf(query));
    return { ...page, items: page.items.map(mapNotification) };
  }
}
