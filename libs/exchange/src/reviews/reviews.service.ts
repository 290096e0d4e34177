import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Actor, AuditService, Clock, CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { BookingsService } from '../bookings/bookings.service';
import { Review } from './entities/review.entity';

const VISIBLE_AFTER_MS = 7 * 24 * 3_600_000;

/** Each side reviews a completed booking once; reviews are shown when both have written or after seven days. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async write(actor: Actor, cooperativeId: CooperativeId, bookingId: string, rating: number, comment: string | undefined): Promise<Review> {
    const { booking, side } = await this.bookings.get(actor, cooperativeId, bookingId);
    if (side === 'coordinator') throw new ExchangeError(ExchangeErrorCode.NotYourBooking, 'Only the resident and the provider review a booking');
    if (booking.status !== 'completed') throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'A booking can be reviewed once it is completed');
    const repository = this.uow.manager().getRepository(Review);
    try {
      const { identifiers } = await repository.insert({
        cooperativeId,
        bookingId,
        authorSide: side,
        authorMemberId: side === 'consumer' ? booking.consumerMemberId : booking.providerMemberId,
        rating,
        comment: comment ?? null,
      });
      await this.audit.record({ action: 'review.write', objectType: 'review', objectId: identifiers[0].id as string });
      return (await repository.findOneBy({ cooperativeId, id: identifiers[0].id as string })) as Review;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ExchangeError(ExchangeErrorCode.StatusChangeNotAllowed, 'You already reviewed this booking');
      }
      throw error;
    }
  }

  /** Your own review always; the other side's once both reviewed or seven days after completion. */
  async list(actor: Actor, cooperativeId: CooperativeId, bookingId: string): Promise<Review[]> {
    const { booking, side } = await this.bookings.get(actor, cooperativeId, bookingId);
    const reviews = await this.uow.manager().getRepository(Review).find({ where: { cooperativeId, bookingId }, order: { createdAt: 'ASC' } });
    const open = reviews.length === 2 || (booking.completedAt !== null && this.clock.now().getTime() - booking.completedAt.getTime() >= VISIBLE_AFTER_MS);
    return open ? reviews : reviews.filter((r) => r.authorSide === side);
  }
}
