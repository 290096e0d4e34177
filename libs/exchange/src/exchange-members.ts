import { Injectable } from '@nestjs/common';
import { Actor, CooperativeId } from '@buurtcoop/core';
import { MemberStanding, MembersService } from '@buurtcoop/membership';
import { ExchangeError, ExchangeErrorCode } from './exchange.errors';

/** Why a member may not book, in words for the error. */
export function mayNotBookReason(standing: MemberStanding, what = 'book services'): string {
  return standing.bookingSuspensionReason
    ? `Booking rights are suspended: ${standing.bookingSuspensionReason}`
    : `This membership may not ${what} (type, or not active)`;
}

/** The membership register, as the exchange asks it (through the membership lib's service). */
@Injectable()
export class ExchangeMembers {
  constructor(private readonly members: MembersService) {}

  /** The caller's own membership; the exchange is for members. */
  async own(actor: Actor, cooperativeId: CooperativeId): Promise<MemberStanding> {
    const standing = await this.members.standing(cooperativeId, { userId: actor.userId });
    if (!standing) throw new ExchangeError(ExchangeErrorCode.NoMemberRecord, 'Your account has no membership in this cooperative');
    return standing;
  }

  /** Many members at once, by id. */
  async byIds(cooperativeId: CooperativeId, memberIds: string[]): Promise<Map<string, MemberStanding>> {
    return new Map((await this.members.standings(cooperativeId, memberIds)).map((s) => [s.memberId, s]));
  }

  /** For the demo: a member found by e-mail address. */
  async byEmail(cooperativeId: CooperativeId, email: string): Promise<MemberStanding | null> {
    const memberId = await this.members.memberIdByEmail(cooperativeId, email);
    return memberId ? this.members.standing(cooperativeId, { memberId }) : null;
  }

  async byId(cooperativeId: CooperativeId, memberId: string, field?: string): Promise<MemberStanding> {
    const standing = await this.members.standing(cooperativeId, { memberId });
    if (!standing) throw new ExchangeError(ExchangeErrorCode.NoMemberRecord, 'No such member in this cooperative', field);
    return standing;
  }
}
