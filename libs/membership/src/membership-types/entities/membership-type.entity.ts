import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const MEMBERSHIP_KINDS = ['resident', 'provider', 'household', 'supporting', 'organisation'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const ORGANISATION_KINDS = ['company', 'housing_corporation', 'foundation'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A kind of membership in one cooperative, and what it lets the member do. */
@Entity('membership_types')
@Unique('uq_membership_types_code', ['cooperativeId', 'code'])
export class MembershipType {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Stable short name, e.g. `resident`, `steunlid`, `woningcorporatie`. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: MembershipKind;

  @Column('text', { nullable: true })
  organisationKind: OrganisationKind | null;

  @Column('boolean')
  mayBook: boolean;

  @Column('boolean')
  mayProvide: boolean;

  @Column('boolean', { default: true })
  active: boolean;
}
