import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const HELP_REQUEST_STATUSES = ['open', 'proposed', 'booked', 'withdrawn'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** A resident's need (hulpvraag); a coordinator proposes a provider, and when both accept it becomes a booking. */
@Entity('help_requests')
export class HelpRequest {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  consumerMemberId: string;

  @Column('uuid')
  categoryId: string;

  @Column('text')
  description: string;

  /** When the resident would like the help, if they said. */
  @Column('tstzrange', { nullable: true })
  preferred: string | null;

  @Column('text', { default: 'open' })
  status: HelpRequestStatus;

  /** The user who wrote it down: the resident, or a coordinator on their behalf. */
  @Column('uuid')
  createdBy: string;

  @Column('uuid', { nullable: true })
  proposedOfferId: string | null;

  @Column('tstzrange', { nullable: true })
  proposedDuring: string | null;

  @Column('timestamptz', { nullable: true })
  consumerAcceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  providerAcceptedAt: Date | null;

  @Column('uuid', { nullable: true })
  bookingId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
