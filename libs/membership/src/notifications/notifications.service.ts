import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, MailService, OutboxMessage, Permission, roleGrants, rolesIn } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembersRepository } from '../members/members.repository';
import { MembersService } from '../members/members.service';

export interface NotificationPage {
  items: OutboxMessage[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the cooperative wrote to a member: for the member themself, and for the board. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly members: MembersService,
    private readonly register: MembersRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** The board reads any member's messages (audited: they hold personal data); a member only their own. */
  async forMember(actor: Actor, cooperativeId: CooperativeId, memberId: string, page: { page: number; pageSize: number }): Promise<NotificationPage> {
    if (roleGrants(rolesIn(actor, cooperativeId), Permission.OutboxRead)) {
      const member = await this.register.find(cooperativeId, memberId);
      if (!member) throw new MembershipError(MembershipErrorCode.MemberNotFound, 'Member was not found');
      if (member.userId !== actor.userId) await this.audit.record({ action: 'member.notifications.view', objectType: 'member', objectId: memberId });
    } else {
      // Checked against the caller's own record, not the requested one: to a member, another's history does not
      // exist, so another member's id is answered like an id of nobody.
      const own = await this.register.findByUser(cooperativeId, actor.userId);
      if (own?.id !== memberId) throw new MembershipError(MembershipErrorCode.MemberNotFound, 'Member was not found');
    }
    return this.page(cooperativeId, memberId, page);
  }

  async own(actor: Actor, cooperativeId: CooperativeId, page: { page: number; pageSize: number }): Promise<NotificationPage> {
    const member = await this.members.ownMember(actor, cooperativeId);
    return this.page(cooperativeId, member.id, page);
  }

  private async page(cooperativeId: CooperativeId, memberId: string, page: { page: number; pageSize: number }): Promise<NotificationPage> {
    const [items, total] = await this.mail.history(cooperativeId, memberId, page);
    return { items, total, ...page };
  }
}
