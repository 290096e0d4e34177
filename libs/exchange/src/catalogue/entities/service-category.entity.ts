import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CENTS, Cooperative } from '@buurtcoop/core';

export const PRICINGS = ['hourly', 'fixed', 'free'] as const;
export type Pricing = (typeof PRICINGS)[number];

/** A kind of neighbourhood service, and the cooperative's rules for it. */
@Entity('service_categories')
@Unique('uq_service_categories_code', ['cooperativeId', 'code'])
export class ServiceCategory {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** e.g. `boodschappen`. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** Providers need a valid VOG (verklaring omtrent het gedrag). */
  @Column('boolean')
  requiresVog: boolean;

  @Column('integer')
  defaultDurationMinutes: number;

  @Column('text')
  pricing: Pricing;

  /** Bounds for an offer's rate: per hour (hourly) or per booking (fixed); both 0 when free. */
  @Column('bigint', { transformer: CENTS })
  minRateCents: number;

  @Column('bigint', { transformer: CENTS })
  maxRateCents: number;

  /** The consumer pays an eigen bijdrage (own contribution) for this service. */
  @Column('boolean')
  contributionApplies: boolean;

  /** What a member with a minimum income pays instead, per booking; null when there is no reduced tariff. */
  @Column('bigint', { transformer: CENTS, nullable: true })
  reducedContributionCents: number | null;

  @Column('boolean', { default: true })
  active: boolean;
}
