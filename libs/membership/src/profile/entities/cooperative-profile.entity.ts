import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const NOTICE_RULES = ['end_of_calendar_year', 'end_of_month', 'immediate'] as const;
/** How a notice of termination takes effect, as the statutes say. */
export type NoticeRule = (typeof NOTICE_RULES)[number];

/** What a cooperative says about itself: registration, bank details, and its statutes' notice rules. */
@Entity('cooperative_profiles')
export class CooperativeProfile {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** KvK-nummer: 8 digits. */
  @Column('char', { length: 8, nullable: true })
  kvkNumber: string | null;

  @Column('text', { nullable: true })
  street: string | null;

  @Column('text', { nullable: true })
  houseNumber: string | null;

  /** Dutch postcode, stored normalised as `1234AB`. */
  @Column('char', { length: 6, nullable: true })
  postcode: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  iban: string | null;

  /** SEPA creditor identifier (incassant-ID), e.g. NL57ZZZ999999999999. */
  @Column('text', { nullable: true })
  creditorId: string | null;

  @Column('text', { default: 'end_of_calendar_year' })
  noticeRule: NoticeRule;

  /** Months of notice before the rule applies (e.g. 1: notice by 30 November ends the membership on 31 December). */
  @Column('integer', { default: 0 })
  noticePeriodMonths: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
