import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { BookingSide } from '../../bookings/entities/booking.entity';

/** One side's review of a completed booking; shown once both reviewed, or after seven days. */
@Entity('reviews')
@Unique('uq_reviews_author', ['cooperativeId', 'bookingId', 'authorSide'])
@Check('ck_reviews_rating', 'rating BETWEEN 1 AND 5')
export class Review {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  bookingId: string;

  @Column('text')
  authorSide: BookingSide;

  @Column('uuid')
  authorMemberId: string;

  @Column('smallint')
  rating: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
