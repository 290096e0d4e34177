import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { MembershipType } from './entities/membership-type.entity';

/** The types every new cooperative starts with; the board can add its own. */
export const DEFAULT_MEMBERSHIP_TYPES: ReadonlyArray<Omit<MembershipType, 'cooperativeId' | 'id' | 'active' | 'cooperative'>> = [
  { code: 'resident', name: 'Bewoner', kind: 'resident', organisationKind: null, mayBook: true, mayProvide: false },
  { code: 'provider', name: 'Aanbieder', kind: 'provider', organisationKind: null, mayBook: true, mayProvide: true },
  { code: 'household', name: 'Huishouden', kind: 'household', organisationKind: null, mayBook: true, mayProvide: true },
  { code: 'steunlid', name: 'Steunlid', kind: 'supporting', organisationKind: null, mayBook: false, mayProvide: false },
  { code: 'bedrijf', name: 'Bedrijf', kind: 'organisation', organisationKind: 'company', mayBook: false, mayProvide: false },
  { code: 'woningcorporatie', name: 'Woningcorporatie', kind: 'organisation', organisationKind: 'housing_corporation', mayBook: false, mayProvide: false },
  { code: 'stichting', name: 'Stichting', kind: 'organisation', organisationKind: 'foundation', mayBook: false, mayProvide: false },
];

@Injectable()
export class MembershipTypesRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async seedDefaults(cooperativeId: CooperativeId): Promise<void> {
    await this.uow.rows(
      `INSERT INTO membership_types (cooperative_id, code, name, kind, organisation_kind, may_book, may_provide)
       SELECT $1, t.code, t.name, t.kind, t.organisation_kind, t.may_book, t.may_provide
         FROM jsonb_to_recordset($2::jsonb) AS t(code text, name text, kind text, organisation_kind text, may_book boolean, may_provide boolean)
       ON CONFLICT (cooperative_id, code) DO NOTHING`,
      [
        cooperativeId,
        JSON.stringify(DEFAULT_MEMBERSHIP_TYPES.map((t) => ({ code: t.code, name: t.name, kind: t.kind, organisation_kind: t.organisationKind, may_book: t.mayBook, may_provide: t.mayProvide }))),
      ],
    );
  }

  list(cooperativeId: CooperativeId): Promise<MembershipType[]> {
    return this.uow.manager().getRepository(MembershipType).find({ where: { cooperativeId, active: true }, order: { name: 'ASC' } });
  }

  find(cooperativeId: CooperativeId, id: string): Promise<MembershipType | null> {
    return this.uow.manager().getRepository(MembershipType).findOneBy({ cooperativeId, id });
  }

  findByCode(cooperativeId: CooperativeId, code: string): Promise<MembershipType | null> {
    return this.uow.manager().getRepository(MembershipType).findOneBy({ cooperativeId, code });
  }
}
