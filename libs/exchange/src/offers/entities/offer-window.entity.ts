import { Check, Column, Entity, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { Offer } from './offer.entity';

/** A weekly window of availability, in Dutch local time (ISO weekday: 1 = Monday). */
@Entity('offer_windows')
@Check('ck_offer_windows_weekday', 'weekday BETWEEN 1 AND 7')
@Check('ck_offer_windows_order', 'start_time < end_time')
export class OfferWindow {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @TenantJoinColumn('offer_id')
  offer?: Offer;

  @Column('smallint')
  weekday: number;

  @Column('time')
  startTime: string;

  @Column('time')
  endTime: string;
}

/** Days the provider is away (holidays), inclusive. */
@Entity('offer_exceptions')
@Check('ck_offer_exceptions_order', 'from_date <= to_date')
export class OfferException {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @TenantJoinColumn('offer_id')
  offer?: Offer;

  @Column('date')
  fromDate: string;

  @Column('date')
  toDate: string;

  @Column('text', { nullable: true })
  reason: string | null;
}
