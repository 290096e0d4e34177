import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MEMBER_BILLING_VIEW } from '@buurtcoop/membership';
import { ParticipationAgreement, ParticipationPurpose } from './entities/participation-agreement.entity';

export interface NewAgreement {
  memberId: string;
  minutesPerMonth: number;
  purpose: ParticipationPurpose;
  description: string;
  externalReference: string | null;
  startsOn: string;
  endsOn: string | null;
}

export interface AgreementFilter {
  memberId?: string;
  /** Only agreements running on this day (`true`) or no longer running (`false`). */
  active?: { value: boolean; on: string };
}

/** One month of an agreement: what was agreed and what the member delivered in it. */
export interface AgreementMonth {
  month: string;
  agreedMinutes: number;
  deliveredMinutes: number;
}

export interface WorkKind {
  categoryName: string;
  minutes: number;
}

export interface MemberIdentity {
  memberNumber: number;
  name: string;
}

export interface SettledRow {
  id: string;
  lapsed: boolean;
  endsOn: string | null;
}

/**
 * The member's completed work as provider in the Dutch calendar month starting on day `first` (an SQL
 * expression of type date): bookings count in the month they start in, with the minutes the provider logged.
 */
const WORK_IN_MONTH = (agreement: string, first: string) => `
  b.cooperative_id = ${agreement}.cooperative_id AND b.provider_member_id = ${agreement}.member_id AND b.status = 'completed'
  AND lower(b.during) >= ((${first})::timestamp AT TIME ZONE 'Europe/Amsterdam')
  AND lower(b.during) < (((${first}) + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

@Injectable()
export class ParticipationRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Null when the member already has an agreement with this purpose in (part of) the same months. */
  async insert(cooperativeId: CooperativeId, a: NewAgreement, createdBy: string | null): Promise<ParticipationAgreement | null> {
    // A savepoint keeps the transaction usable after the clash, so the refusal can be explained.
    await this.uow.rows('SAVEPOINT participation_insert');
    try {
      const [row] = await this.uow.rows<{ id: string }>(
        `INSERT INTO participation_agreements (cooperative_id, member_id, minutes_per_month, purpose, description, external_reference, starts_on, ends_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [cooperativeId, a.memberId, a.minutesPerMonth, a.purpose, a.description, a.externalReference, a.startsOn, a.endsOn, createdBy],
      );
      await this.uow.rows('RELEASE SAVEPOINT participation_insert');
      return this.find(cooperativeId, row.id);
    } catch (error) {
      await this.uow.rows('ROLLBACK TO SAVEPOINT participation_insert');
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') return null;
      throw error;
    }
  }

  find(cooperativeId: CooperativeId, id: string): Promise<ParticipationAgreement | null> {
    return this.uow.manager().getRepository(ParticipationAgreement).findOneBy({ cooperativeId, id });
  }

  /** The member's agreement with this purpose that shares a day with [startsOn, endsOn]. */
  async overlapping(cooperativeId: CooperativeId, memberId: string, purpose: ParticipationPurpose, startsOn: string, endsOn: string | null): Promise<ParticipationAgreement | null> {
    const [row] = await this.uow.rows<{ id: string }>(
      `SELECT id FROM participation_agreements
        WHERE cooperative_id = $1 AND member_id = $2 AND purpose = $3 AND daterange(starts_on, ends_on, '[]') && daterange($4::date, $5::date, '[]')
        ORDER BY starts_on LIMIT 1`,
      [cooperativeId, memberId, purpose, startsOn, endsOn],
    );
    return row ? this.find(cooperativeId, row.id) : null;
  }

  list(cooperativeId: CooperativeId, filter: AgreementFilter): Promise<ParticipationAgreement[]> {
    const query = this.uow.manager().getRepository(ParticipationAgreement).createQueryBuilder('a').where('a.cooperative_id = :cooperativeId', { cooperativeId });
    if (filter.memberId) query.andWhere('a.member_id = :memberId', { memberId: filter.memberId });
    if (filter.active) {
      const running = 'a.starts_on <= :on AND (a.ends_on IS NULL OR a.ends_on >= :on)';
      query.andWhere(filter.active.value ? running : `NOT (${running})`, { on: filter.active.on });
    }
    return query.orderBy('a.starts_on', 'DESC').addOrderBy('a.created_at', 'DESC').getMany();
  }

  /** Ends an agreement not ended before; false when it was (a racing request, say). */
  async end(cooperativeId: CooperativeId, id: string, endsOn: string, at: Date): Promise<boolean> {
    const rows = await this.uow.rows(`UPDATE participation_agreements SET ends_on = $3, ended_at = $4 WHERE cooperative_id = $1 AND id = $2 AND ended_at IS NULL RETURNING id`, [cooperativeId, id, endsOn, at]);
    return rows.length === 1;
  }

  /** Gives consent anew (a withdrawal before it no longer counts); false when it already stood. */
  async giveConsent(cooperativeId: CooperativeId, id: string, at: Date): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE participation_agreements SET attestation_consent_at = $3, attestation_consent_withdrawn_at = NULL
        WHERE cooperative_id = $1 AND id = $2 AND (attestation_consent_at IS NULL OR attestation_consent_withdrawn_at IS NOT NULL) RETURNING id`,
      [cooperativeId, id, at],
    );
    return rows.length === 1;
  }

  /** Withdraws standing consent; false when there was none. */
  async withdrawConsent(cooperativeId: CooperativeId, id: string, at: Date): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE participation_agreements SET attestation_consent_withdrawn_at = $3
        WHERE cooperative_id = $1 AND id = $2 AND attestation_consent_at IS NOT NULL AND attestation_consent_withdrawn_at IS NULL RETURNING id`,
      [cooperativeId, id, at],
    );
    return rows.length === 1;
  }

  /** Every month of the agreement from its start through `throughDay` (or its end, if sooner), with the minutes delivered. */
  months(cooperativeId: CooperativeId, agreementId: string, throughDay: string): Promise<AgreementMonth[]> {
    return this.uow.rows<AgreementMonth>(
      `SELECT to_char(m.first, 'YYYY-MM') AS month, a.minutes_per_month AS "agreedMinutes",
              (SELECT coalesce(sum(b.actual_minutes), 0)::int FROM bookings b WHERE ${WORK_IN_MONTH('a', 'm.first')}) AS "deliveredMinutes"
         FROM participation_agreements a
         CROSS JOIN LATERAL (SELECT d::date AS first FROM generate_series(a.starts_on::timestamp, least(a.ends_on, $3::date)::timestamp, interval '1 month') AS d) AS m
        WHERE a.cooperative_id = $1 AND a.id = $2
        ORDER BY m.first`,
      [cooperativeId, agreementId, throughDay],
    );
  }

  /** The kinds of work (service categories) of the member's completed bookings as provider in one month. */
  workKinds(cooperativeId: CooperativeId, agreementId: string, month: string): Promise<WorkKind[]> {
    return this.uow.rows<WorkKind>(
      `SELECT c.name AS "categoryName", sum(b.actual_minutes)::int AS minutes
         FROM participation_agreements a
         JOIN bookings b ON ${WORK_IN_MONTH('a', '$3::date')}
         JOIN service_categories c ON c.cooperative_id = b.cooperative_id AND c.id = b.category_id
        WHERE a.cooperative_id = $1 AND a.id = $2
        GROUP BY c.name ORDER BY minutes DESC, c.name`,
      [cooperativeId, agreementId, `${month}-01`],
    );
  }

  /** The member's number and name as the register has them (through membership's read-only view). */
  async memberIdentity(cooperativeId: CooperativeId, memberId: string): Promise<MemberIdentity | null> {
    const [row] = await this.uow.rows<{ member_number: number; name: string | null }>(`SELECT member_number, name FROM ${MEMBER_BILLING_VIEW} WHERE cooperative_id = $1 AND member_id = $2`, [
      cooperativeId,
      memberId,
    ]);
    return row ? { memberNumber: row.member_number, name: row.name ?? '' } : null;
  }

  /**
   * One participation obligation per agreement and month, from the start month through `today`'s month (and
   * no further than the agreement's end), due at the first moment of the next month plus the term.
   */
  async discover(cooperativeId: CooperativeId, today: string, termHours: number, monthNames: readonly string[]): Promise<number> {
    const rows = await this.uow.rows(
      `INSERT INTO obligations (cooperative_id, type, subject_id, period, member_id, summary, due_at)
       SELECT a.cooperative_id, 'participation', a.id, to_char(m.first, 'YYYY-MM'), a.member_id,
              'Deelname ' || ($4::text[])[extract(month FROM m.first)::int] || ' ' || extract(year FROM m.first)::int || ': '
                || CASE WHEN a.minutes_per_month % 60 = 0 THEN (a.minutes_per_month / 60)::text
                        ELSE (a.minutes_per_month / 60) || ':' || lpad((a.minutes_per_month % 60)::text, 2, '0') END
                || ' uur afgesproken',
              ((m.first + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam') + make_interval(hours => $3::int)
         FROM participation_agreements a
         CROSS JOIN LATERAL (SELECT d::date AS first FROM generate_series(a.starts_on::timestamp, least(a.ends_on, $2::date)::timestamp, interval '1 month') AS d) AS m
        WHERE a.cooperative_id = $1 AND a.starts_on <= $2::date
       ON CONFLICT ON CONSTRAINT uq_obligations_subject DO NOTHING
       RETURNING id`,
      [cooperativeId, today, termHours, monthNames],
    );
    return rows.length;
  }

  /**
   * Participation obligations still open whose month the member has now delivered in full, or whose
   * agreement ended before that month began.
   */
  async settled(cooperativeId: CooperativeId): Promise<SettledRow[]> {
    return this.uow.rows<SettledRow>(
      `SELECT o.id, (a.ends_on IS NOT NULL AND a.ends_on < m.first) AS lapsed, to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn"
         FROM obligations o
         JOIN participation_agreements a ON a.cooperative_id = o.cooperative_id AND a.id = o.subject_id
         CROSS JOIN LATERAL (SELECT to_date(o.period || '-01', 'YYYY-MM-DD') AS first) AS m
        WHERE o.cooperative_id = $1 AND o.type = 'participation' AND o.status IN ('open', 'overdue', 'escalated')
          AND ((a.ends_on IS NOT NULL AND a.ends_on < m.first)
               OR (SELECT coalesce(sum(b.actual_minutes), 0) FROM bookings b WHERE ${WORK_IN_MONTH('a', 'm.first')}) >= a.minutes_per_month)
        ORDER BY o.period, o.id`,
      [cooperativeId],
    );
  }
}
