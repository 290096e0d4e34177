import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { Member } from './member.entity';

/** Self-declared, used only in aggregate municipal reports, and only kept with explicit consent. */
export const VULNERABILITY_CATEGORIES = ['age_65_plus', 'minimum_income', 'disability', 'informal_carer'] as const;
export type VulnerabilityCategory = (typeof VULNERABILITY_CATEGORIES)[number];

@Entity('member_categories')
export class MemberCategory {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('uuid')
  memberId: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @TenantJoinColumn('member_id')
  member?: Member;

  @PrimaryColumn('text')
  category: VulnerabilityCategory;

  /** When the member consented to this use; the row is deleted when consent is withdrawn. */
  @Column('timestamptz')
  consentedAt: Date;
}
