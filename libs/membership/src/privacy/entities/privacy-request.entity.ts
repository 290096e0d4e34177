import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, PrimaryColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { Member } from '../../members/entities/member.entity';

export const PRIVACY_REQUEST_STATUSES = ['pending', 'completed', 'rejected'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** A member's request to be erased (AVG art. 17), handled by the board. */
@Entity('privacy_requests')
@Index('uq_privacy_requests_pending', { synchronize: false })
export class PrivacyRequest {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  memberId: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('member_id')
  member?: Member;

  @Column('text', { default: 'erasure' })
  kind: 'erasure';

  @Column('text', { default: 'pending' })
  status: PrivacyRequestStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { nullable: true })
  handledBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  @Column('timestamptz', { nullable: true })
  handledAt: Date | null;
}
