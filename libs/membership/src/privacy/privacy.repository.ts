import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { PrivacyRequest, PrivacyRequestStatus } from './entities/privacy-request.entity';

@Injectable()
export class PrivacyRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Files the request unless one is pending; either way returns the pending request (and whether it is new). */
  async insertPending(cooperativeId: CooperativeId, memberId: string, reason: string | null): Promise<{ request: PrivacyRequest; created: boolean }> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO privacy_requests (cooperative_id, member_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (cooperative_id, member_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
      [cooperativeId, memberId, reason],
    );
    if (row) return { request: (await this.find(cooperativeId, row.id)) as PrivacyRequest, created: true };
    return { request: (await this.pendingFor(cooperativeId, memberId)) as PrivacyRequest, created: false };
  }

  find(cooperativeId: CooperativeId, id: string): Promise<PrivacyRequest | null> {
    return this.uow.manager().getRepository(PrivacyRequest).findOneBy({ cooperativeId, id });
  }

  pendingFor(cooperativeId: CooperativeId, memberId: string): Promise<PrivacyRequest | null> {
    return this.uow.manager().getRepository(PrivacyRequest).findOneBy({ cooperativeId, memberId, status: 'pending' });
  }

  forMember(cooperativeId: CooperativeId, memberId: string): Promise<PrivacyRequest[]> {
    return this.uow.manager().getRepository(PrivacyRequest).find({ where: { cooperativeId, memberId }, order: { requestedAt: 'ASC' } });
  }

  list(cooperativeId: CooperativeId, status?: PrivacyRequestStatus): Promise<PrivacyRequest[]> {
    return this.uow.manager().getRepository(PrivacyRequest).find({ where: { cooperativeId, ...(status ? { status } : {}) }, order: { requestedAt: 'ASC' } });
  }

  /** Settles a pending request; the affected-row count tells a racing second handler it came too late. */
  async settle(cooperativeId: CooperativeId, id: string, status: Exclude<PrivacyRequestStatus, 'pending'>, handledBy: string, reason: string | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE privacy_requests SET status = $3, handled_by = $4, handled_at = now(), reason = COALESCE($5, reason)
        WHERE cooperative_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
      [cooperativeId, id, status, handledBy, reason],
    );
    return rows.length === 1;
  }

  /**
   * Wipes every personal field this lib keeps about the member, set-based, in the caller's
   * transaction. The member row stays (anonymised) so financial records remain linked.
   */
  async anonymiseMember(cooperativeId: CooperativeId, memberId: string, today: string): Promise<{ email: string | null; userId: string | null }> {
    const [before] = await this.uow.rows<{ email: string | null; user_id: string | null; household_id: string | null }>(
      `SELECT email, user_id, household_id FROM members WHERE cooperative_id = $1 AND id = $2`,
      [cooperativeId, memberId],
    );
    await this.uow.rows(
      `UPDATE members SET first_name = NULL, last_name = NULL, organisation_name = NULL, email = NULL, phone = NULL, street = NULL,
              house_number = NULL, postcode = NULL, city = NULL, date_of_birth = NULL, user_id = NULL,
              contact_preferences = '{"email": false, "phone": false, "post": false}'::jsonb,
              status = 'ended', ends_on = COALESCE(LEAST(ends_on, $3::date), $3::date), anonymised_at = now(), updated_at = now()
        WHERE cooperative_id = $1 AND id = $2`,
      [cooperativeId, memberId, today],
    );
    await this.uow.rows(`DELETE FROM member_categories WHERE cooperative_id = $1 AND member_id = $2`, [cooperativeId, memberId]);
    // Free text may hold personal details: the reasons go, the dated lines stay.
    await this.uow.rows(`UPDATE member_status_changes SET reason = NULL WHERE cooperative_id = $1 AND member_id = $2`, [cooperativeId, memberId]);
    await this.uow.rows(`UPDATE privacy_requests SET reason = NULL WHERE cooperative_id = $1 AND member_id = $2`, [cooperativeId, memberId]);
    if (before.household_id) {
      await this.uow.rows(`DELETE FROM household_persons WHERE cooperative_id = $1 AND household_id = $2`, [cooperativeId, before.household_id]);
      await this.uow.rows(`UPDATE households SET name = 'Gewist' WHERE cooperative_id = $1 AND id = $2`, [cooperativeId, before.household_id]);
    }
    await this.uow.rows(
      `UPDATE membership_applications SET first_name = NULL, last_name = NULL, organisation_name = NULL, email = NULL, phone = NULL, street = NULL,
              house_number = NULL, postcode = NULL, city = NULL, date_of_birth = NULL, household_persons = '[]'::jsonb
        WHERE cooperative_id = $1 AND (member_id = $2 OR ($3::text IS NOT NULL AND lower(email) = lower($3)))`,
      [cooperativeId, memberId, before.email],
    );
    if (before.email) {
      await this.uow.rows(
        `UPDATE outbox_messages SET to_address = 'erased@invalid', subject = '(gewist)', body_text = '(gewist)'
          WHERE cooperative_id = $1 AND lower(to_address) = lower($2)`,
        [cooperativeId, before.email],
      );
    }
    return { email: before.email, userId: before.user_id };
  }
}
