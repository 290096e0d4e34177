import { Column, CreateDateColumn, Entity, Exclusion, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CENTS, TenantJoinColumn } from '@buurtcoop/core';
import { Offer } from '../../offers/entities/offer.entity';

export const BOOKING_STATUSES = ['requested', 'confirmed', 'delivered', 'completed', 'disputed', 'cancelled', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_SIDES = ['consumer', 'provider'] as const;
export type BookingSide = (typeof BOOKING_SIDES)[number];

/**
 * One appointment between a consumer and a provider member. PostgreSQL refuses a booking that
 * overlaps another live booking of the same provider, or of the same consumer.
 */
@Entity('bookings')
@Exclusion('ex_bookings_provider', `USING gist ("cooperative_id" WITH =, "provider_member_id" WITH =, "during" WITH &&) WHERE (status NOT IN ('cancelled', 'expired'))`)
@Exclusion('ex_bookings_consumer', `USING gist ("cooperative_id" WITH =, "consumer_member_id" WITH =, "during" WITH &&) WHERE (status NOT IN ('cancelled', 'expired'))`)
@Index('ix_bookings_status', ['cooperativeId', 'status'])
// Each booking counts the offer's live bookings on its Dutch calendar day (the provider's limit per day): an
// expression index, made by its migration (BookingOfferDayIndex).
@Index('ix_bookings_offer_day', { synchronize: false })
export class Booking {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('offer_id')
  offer?: Offer;

  @Column('uuid')
  categoryId: string;

  @Column('uuid')
  providerMemberId: string;

  @Column('uuid')
  consumerMemberId: string;

  /** [start, end) as instants; shown in Europe/Amsterdam. */
  @Column('tstzrange')
  during: string;

  @Column('text', { default: 'requested' })
  status: BookingStatus;

  @Column('uuid', { nullable: true })
  seriesId: string | null;

  @Column('uuid', { nullable: true })
  helpRequestId: string | null;

  /** The user who made the booking (the consumer, or a coordinator on their behalf). */
  @Column('uuid')
  bookedBy: string;

  /** The offer's rate when booked, per hour or per booking. */
  @Column('bigint', { transformer: CENTS })
  rateCents: number;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;

  @Column('integer', { nullable: true })
  actualMinutes: number | null;

  @Column('bigint', { transformer: CENTS, nullable: true })
  materialCents: number | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('text', { nullable: true })
  disputeReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelledBy: BookingSide | null;

  /** Cancelled less than 24 hours before the start. */
  @Column('boolean', { default: false })
  lateCancellation: boolean;

  /** Which side did not show up, as recorded by the other. */
  @Column('text', { nullable: true })
  noShow: BookingSide | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
