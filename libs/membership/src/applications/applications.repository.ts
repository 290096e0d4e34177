import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ApplicationStatus, MembershipApplication } from './entities/membership-application.entity';

export type NewApplication = Omit<MembershipApplication, 'cooperativeId' | 'id' | 'status' | 'decidedAt' | 'decidedBy' | 'rejectionReason' | 'memberId' | 'createdAt' | 'membershipType'>;

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insert(cooperativeId: CooperativeId, application: NewApplication): Promise<MembershipApplication> {
    const repository = this.uow.manager().getRepository(MembershipApplication);
    const { identifiers } = await repository.insert({ ...application, cooperativeId });
    return (await this.find(cooperativeId, identifiers[0].id as string)) as MembershipApplication;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<MembershipApplication | null> {
    return this.uow.manager().getRepository(MembershipApplication).findOneBy({ cooperativeId, id });
  }

  async list(cooperativeId: CooperativeId, status: ApplicationStatus | undefined, page: number, pageSize: number): Promise<{ items: MembershipApplication[]; total: number }> {
    const [items, total] = await this.uow
      .manager()
      .getRepository(MembershipApplication)
      .findAndCount({ where: { cooperativeId, ...(status ? { status } : {}) }, order: { createdAt: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total };
  }

  /**
   * Claims a pending application for a decision. Two board members approving at once both try this
   * UPDATE; the second waits for the first to commit, then no longer matches `pending`.
   */
  async claim(cooperativeId: CooperativeId, id: string, status: Exclude<ApplicationStatus, 'pending'>, decidedBy: string, rejectionReason: string | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE membership_applications SET status = $3, decided_at = now(), decided_by = $4, rejection_reason = $5
        WHERE cooperative_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
      [cooperativeId, id, status, decidedBy, rejectionReason],
    );
    return rows.length === 1;
  }

  async linkMember(cooperativeId: CooperativeId, id: string, memberId: string): Promise<void> {
    await this.uow.rows(`UPDATE membership_applications SET member_id = $3 WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, id, memberId]);
  }
}
