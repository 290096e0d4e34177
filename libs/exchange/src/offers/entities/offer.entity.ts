import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS, TenantJoinColumn } from '@buurtcoop/core';
import { ServiceCategory } from '../../catalogue/entities/service-category.entity';

/** A provider's standing offer of a service: where, at what rate, and when (its weekly windows). */
@Entity('offers')
@Index('ix_offers_category', ['cooperativeId', 'categoryId'])
export class Offer {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  providerMemberId: string;

  @Column('uuid')
  categoryId: string;

  @ManyToOne(() => ServiceCategory, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('category_id')
  category?: ServiceCategory;

  @Column('text')
  description: string;

  /** Postcode-4 ranges served, e.g. {[7411,7419],[7421,7421]}. */
  @Column('int4multirange')
  serviceArea: string;

  @Column('bigint', { transformer: CENTS })
  rateCents: number;

  @Column('integer')
  maxBookingsPerDay: number;

  @Column('boolean', { default: false })
  paused: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
