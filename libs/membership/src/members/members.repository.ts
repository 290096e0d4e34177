import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { Member, MemberRole, MemberStatus } from './entities/member.entity';
import { MemberStatusChange, StatusChangeKind } from './entities/member-status-change.entity';
import { MemberCategory, VulnerabilityCategory } from './entities/member-category.entity';
import { Household, HouseholdPerson } from './entities/household.entity';

export type NewMember = Pick<
  Member,
  | 'membershipTypeId'
  | 'householdId'
  | 'userId'
  | 'role'
  | 'firstName'
  | 'lastName'
  | 'organisationName'
  | 'email'
  | 'phone'
  | 'street'
  | 'houseNumber'
  | 'postcode'
  | 'city'
  | 'dateOfBirth'
  | 'language'
  | 'joinedOn'
> & { memberNumber?: number };

/** A member as the service exchange sees them: may they book or provide, and at which tariff. */
export interface MemberStanding {
  memberId: string;
  status: MemberStatus;
  /** Active, the membership type allows booking (suspended members may not), and booking rights are not suspended. */
  mayBook: boolean;
  /** Why booking rights are suspended (an unmet obligation), when they are. */
  bookingSuspensionReason: string | null;
  mayProvide: boolean;
  /** Declared (with consent) to live on a minimum income: the reduced tariff applies. */
  minimumIncome: boolean;
  postcode: string | null;
  displayName: string;
}

/** Members at the end of one month, and who joined or left in it. */
export interface MembersMonth {
  /** `YYYY-MM`. */
  month: string;
  members: number;
  joined: number;
  left: number;
}

export const MEMBER_SORTS = ['memberNumber', 'lastName', 'joinedOn', 'postcode'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export interface MemberFilter {
  search?: string;
  status?: MemberStatus;
  membershipTypeId?: string;
  role?: MemberRole;
  /** The first 2–4 digits of the postcode, e.g. `7411` or `74`. */
  postcodeArea?: string;
  sort: MemberSort;
  direction: 'ASC' | 'DESC';
  page: number;
  pageSize: number;
}

/**
 * Dutch registers file "de Vries" under V and "van den Berg" under B: the sort key drops the
 * tussenvoegsels and ignores case; organisations sort by their own name.
 */
const LAST_NAME_SORT_KEY = `lower(regexp_replace(COALESCE(m.last_name, m.organisation_name, ''), '^((van|von|de|den|der|des|di|du|het|in|la|le|op|te|ten|ter|uit|''t)\\s+)+', '', 'i'))`;

const SORT_COLUMNS: Record<MemberSort, string> = {
  memberNumber: 'm.member_number',
  lastName: LAST_NAME_SORT_KEY,
  joinedOn: 'm.joined_on',
  postcode: 'm.postcode',
};

@Injectable()
export class MembersRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The next member number; the counter row's lock makes concurrent approvals take turns. */
  async nextMemberNumber(cooperativeId: CooperativeId): Promise<number> {
    const [row] = await this.uow.rows<{ last_number: number }>(
      `INSERT INTO member_number_counters (cooperative_id, last_number) VALUES ($1, 1)
       ON CONFLICT (cooperative_id) DO UPDATE SET last_number = member_number_counters.last_number + 1
       RETURNING last_number`,
      [cooperativeId],
    );
    return row.last_number;
  }

  /** Keeps the counter ahead of numbers brought in from elsewhere (an imported member list). */
  async reserveMemberNumber(cooperativeId: CooperativeId, number: number): Promise<void> {
    await this.uow.rows(
      `INSERT INTO member_number_counters (cooperative_id, last_number) VALUES ($1, $2)
       ON CONFLICT (cooperative_id) DO UPDATE SET last_number = GREATEST(member_number_counters.last_number, $2)`,
      [cooperativeId, number],
    );
  }

  async insert(cooperativeId: CooperativeId, member: NewMember & { memberNumber: number }): Promise<Member> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO members (cooperative_id, member_number, membership_type_id, household_id, user_id, role, status, first_name, last_name,
                            organisation_name, email, phone, street, house_number, postcode, city, date_of_birth, language, joined_on)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, lower($10), $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [
        cooperativeId,
        member.memberNumber,
        member.membershipTypeId,
        member.householdId,
        member.userId,
        member.role,
        member.firstName,
        member.lastName,
        member.organisationName,
        member.email,
        member.phone,
        member.street,
        member.houseNumber,
        member.postcode,
        member.city,
        member.dateOfBirth,
        member.language,
        member.joinedOn,
      ],
    );
    return (await this.find(cooperativeId, row.id)) as Member;
  }

  find(cooperativeId: CooperativeId, id: string): Promise<Member | null> {
    return this.uow.manager().getRepository(Member).findOneBy({ cooperativeId, id });
  }

  findByUser(cooperativeId: CooperativeId, userId: string): Promise<Member | null> {
    return this.uow.manager().getRepository(Member).findOneBy({ cooperativeId, userId });
  }

  findByEmail(cooperativeId: CooperativeId, email: string): Promise<Member | null> {
    return this.uow
      .manager()
      .getRepository(Member)
      .createQueryBuilder('m')
      .where('m.cooperative_id = :cooperativeId AND lower(m.email) = lower(:email)', { cooperativeId, email })
      .getOne();
  }

  /** What the exchange needs to know of a member, in one query. */
  async standing(cooperativeId: CooperativeId, where: { memberId?: string; userId?: string }): Promise<MemberStanding | null> {
    const [row] = await this.standingsWhere(cooperativeId, where.memberId ? 'm.id = $2' : 'm.user_id = $2', where.memberId ?? where.userId);
    return row ?? null;
  }

  /** The standing of many members at once (e.g. the providers of a search result). */
  standings(cooperativeId: CooperativeId, memberIds: string[]): Promise<MemberStanding[]> {
    return this.standingsWhere(cooperativeId, 'm.id = ANY($2::uuid[])', memberIds);
  }

  private async standingsWhere(cooperativeId: CooperativeId, condition: string, value: unknown): Promise<MemberStanding[]> {
    const rows = await this.uow.rows<{
      id: string;
      status: MemberStatus;
      may_book: boolean;
      may_provide: boolean;
      minimum_income: boolean;
      postcode: string | null;
      display_name: string;
      booking_suspension_reason: string | null;
    }>(
      `SELECT m.id, m.status, t.may_book, t.may_provide, m.postcode, m.booking_suspension_reason,
              coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.organisation_name, 'Lid ' || m.member_number) AS display_name,
              EXISTS (SELECT 1 FROM member_categories c WHERE c.cooperative_id = m.cooperative_id AND c.member_id = m.id AND c.category = 'minimum_income') AS minimum_income
         FROM members m JOIN membership_types t ON t.cooperative_id = m.cooperative_id AND t.id = m.membership_type_id
        WHERE m.cooperative_id = $1 AND ${condition}`,
      [cooperativeId, value],
    );
    return rows.map((row) => ({
      memberId: row.id,
      status: row.status,
      mayBook: row.may_book && row.status === 'active' && row.booking_suspension_reason === null,
      bookingSuspensionReason: row.booking_suspension_reason,
      mayProvide: row.may_provide && row.status === 'active',
      minimumIncome: row.minimum_income,
      postcode: row.postcode,
      displayName: row.display_name,
    }));
  }

  /** Suspends booking rights, or restores them with `reason` null; returns the members whose rights changed. */
  async setBookingSuspension(cooperativeId: CooperativeId, memberIds: string[], reason: string | null): Promise<string[]> {
    const rows = await this.uow.rows<{ id: string }>(
      `UPDATE members SET booking_suspension_reason = $3, booking_suspended_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
        WHERE cooperative_id = $1 AND id = ANY($2::uuid[]) AND (booking_suspension_reason IS NULL) <> ($3::text IS NULL)
        RETURNING id`,
      [cooperativeId, memberIds, reason],
    );
    return rows.map((r) => r.id);
  }

  findByNumber(cooperativeId: CooperativeId, memberNumber: number): Promise<Member | null> {
    return this.uow.manager().getRepository(Member).findOneBy({ cooperativeId, memberNumber });
  }

  /** Members by e-mail or number in one query, for matching an import against the register. */
  async findForMatching(cooperativeId: CooperativeId, emails: string[], numbers: number[]): Promise<Member[]> {
    if (emails.length === 0 && numbers.length === 0) return [];
    return this.uow
      .manager()
      .getRepository(Member)
      .createQueryBuilder('m')
      .where('m.cooperative_id = :cooperativeId', { cooperativeId })
      .andWhere(
        new Brackets((q) => {
          q.where('lower(m.email) = ANY(:emails)', { emails: emails.map((e) => e.toLowerCase()) }).orWhere('m.member_number = ANY(:numbers)', { numbers });
        }),
      )
      .getMany();
  }

  async search(cooperativeId: CooperativeId, filter: MemberFilter): Promise<{ items: Member[]; total: number }> {
    const query = this.uow.manager().getRepository(Member).createQueryBuilder('m').where('m.cooperative_id = :cooperativeId', { cooperativeId });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.membershipTypeId) query.andWhere('m.membership_type_id = :type', { type: filter.membershipTypeId });
    if (filter.role) query.andWhere(filter.role === 'both' ? `m.role = 'both'` : `m.role IN (:role, 'both')`, { role: filter.role });
    if (filter.postcodeArea) query.andWhere('m.postcode LIKE :area', { area: `${filter.postcodeArea}%` });
    if (filter.search) {
      const term = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((q) => {
          q.where(`concat_ws(' ', m.first_name, m.last_name) ILIKE :term`, { term })
            .orWhere('m.organisation_name ILIKE :term', { term })
            .orWhere('m.email ILIKE :term', { term })
            .orWhere('m.member_number::text = :exact', { exact: filter.search });
        }),
      );
    }
    query
      .orderBy(SORT_COLUMNS[filter.sort], filter.direction, 'NULLS LAST')
      .addOrderBy('m.member_number', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize);
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  async update(cooperativeId: CooperativeId, id: string, patch: Partial<Member>): Promise<void> {
    await this.uow.manager().getRepository(Member).update({ cooperativeId, id }, patch);
  }

  /**
   * Changes the status only if it still is `from`: two board members acting at once cannot both
   * apply a change; the one whose UPDATE matched records it.
   */
  async transition(cooperativeId: CooperativeId, id: string, from: MemberStatus[], to: MemberStatus, endsOn: string | null): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE members SET status = $3, ends_on = COALESCE($5, ends_on), updated_at = now()
        WHERE cooperative_id = $1 AND id = $2 AND status = ANY($4) RETURNING id`,
      [cooperativeId, id, to, from, endsOn],
    );
    return rows.length === 1;
  }

  /** Records notice unless notice was already given (or the membership ended): the first of two racing notices wins. */
  async giveNotice(cooperativeId: CooperativeId, id: string, endsOn: string): Promise<boolean> {
    const rows = await this.uow.rows(
      `UPDATE members SET ends_on = $3, updated_at = now()
        WHERE cooperative_id = $1 AND id = $2 AND status IN ('active', 'suspended') AND ends_on IS NULL RETURNING id`,
      [cooperativeId, id, endsOn],
    );
    return rows.length === 1;
  }

  /**
   * Per calendar month from `from` through `through`, in one statement: members at the month's end (or at `through`
   * in its last month) — joined on or before it, not yet ended — and how many joined and left in the month. A
   * membership ends on its `ends_on`: it is counted as a leaver in that month and no longer a member at its end.
   * Suspended members still count: suspension pauses rights, not the membership.
   */
  async overTime(cooperativeId: CooperativeId, from: string, through: string): Promise<MembersMonth[]> {
    const rows = await this.uow.rows<{ month: string; members: number; joined: number; left: number }>(
      `WITH months AS (
         SELECT m::date AS first, least((m + interval '1 month' - interval '1 day')::date, $3::date) AS last
           FROM generate_series(date_trunc('month', $2::date), $3::date, interval '1 month') AS m)
       SELECT to_char(months.first, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE mb.joined_on <= months.last AND (mb.ends_on IS NULL OR mb.ends_on > months.last))::int AS members,
              count(*) FILTER (WHERE mb.joined_on BETWEEN greatest(months.first, $2::date) AND months.last)::int AS joined,
              count(*) FILTER (WHERE mb.ends_on BETWEEN greatest(months.first, $2::date) AND months.last)::int AS "left"
         FROM months
         LEFT JOIN members mb ON mb.cooperative_id = $1 AND mb.joined_on <= months.last
        GROUP BY months.first
        ORDER BY months.first`,
      [cooperativeId, from, through],
    );
    return rows.map((r) => ({ month: r.month, members: r.members, joined: r.joined, left: r.left }));
  }

  /** Ends, in one statement, every membership whose notice ran out, and writes their history lines. */
  async endExpiredNotices(cooperativeId: CooperativeId, today: string): Promise<number> {
    const ended = await this.uow.rows(
      `WITH ended AS (
         UPDATE members SET status = 'ended', updated_at = now()
          WHERE cooperative_id = $1 AND status <> 'ended' AND ends_on IS NOT NULL AND ends_on < $2::date
          RETURNING id, ends_on)
       INSERT INTO member_status_changes (cooperative_id, member_id, kind, effective_on, reason)
       SELECT $1, id, 'ended', ends_on, 'Opzegtermijn verstreken' FROM ended
       RETURNING member_id`,
      [cooperativeId, today],
    );
    return ended.length;
  }

  async recordStatusChange(
    cooperativeId: CooperativeId,
    change: { memberId: string; kind: StatusChangeKind; effectiveOn: string; reason: string | null; recordedBy: string | null },
  ): Promise<void> {
    await this.uow.rows(
      `INSERT INTO member_status_changes (cooperative_id, member_id, kind, effective_on, reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [cooperativeId, change.memberId, change.kind, change.effectiveOn, change.reason, change.recordedBy],
    );
  }

  history(cooperativeId: CooperativeId, memberId: string): Promise<MemberStatusChange[]> {
    return this.uow.manager().getRepository(MemberStatusChange).find({ where: { cooperativeId, memberId }, order: { recordedAt: 'ASC' } });
  }

  categories(cooperativeId: CooperativeId, memberId: string): Promise<MemberCategory[]> {
    return this.uow.manager().getRepository(MemberCategory).find({ where: { cooperativeId, memberId }, order: { category: 'ASC' } });
  }

  /** Replaces the member's self-declared categories (an empty list withdraws consent for all). */
  async replaceCategories(cooperativeId: CooperativeId, memberId: string, categories: VulnerabilityCategory[]): Promise<void> {
    await this.uow.rows(`DELETE FROM member_categories WHERE cooperative_id = $1 AND member_id = $2 AND NOT (category = ANY($3))`, [cooperativeId, memberId, categories]);
    if (categories.length > 0) {
      await this.uow.rows(
        `INSERT INTO member_categories (cooperative_id, member_id, category, consented_at)
         SELECT $1, $2, unnest($3::text[]), now() ON CONFLICT DO NOTHING`,
        [cooperativeId, memberId, categories],
      );
    }
  }

  async insertHousehold(cooperativeId: CooperativeId, name: string, persons: Array<Pick<HouseholdPerson, 'firstName' | 'lastName' | 'dateOfBirth'>>): Promise<string> {
    const [household] = await this.uow.rows<{ id: string }>(`INSERT INTO households (cooperative_id, name) VALUES ($1, $2) RETURNING id`, [cooperativeId, name]);
    if (persons.length > 0) {
      await this.uow.rows(
        `INSERT INTO household_persons (cooperative_id, household_id, first_name, last_name, date_of_birth)
         SELECT $1, $2, p.first_name, p.last_name, p.date_of_birth
           FROM jsonb_to_recordset($3::jsonb) AS p(first_name text, last_name text, date_of_birth date)`,
        [cooperativeId, household.id, JSON.stringify(persons.map((p) => ({ first_name: p.firstName, last_name: p.lastName, date_of_birth: p.dateOfBirth })))],
      );
    }
    return household.id;
  }

  async household(cooperativeId: CooperativeId, householdId: string): Promise<{ household: Household; persons: HouseholdPerson[] } | null> {
    const manager = this.uow.manager();
    const household = await manager.getRepository(Household).findOneBy({ cooperativeId, id: householdId });
    if (!household) return null;
    const persons = await manager.getRepository(HouseholdPerson).find({ where: { cooperativeId, householdId }, order: { lastName: 'ASC', firstName: 'ASC' } });
    return { household, persons };
  }
}
