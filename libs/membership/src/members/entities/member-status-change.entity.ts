import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { Member } from './member.entity';

export const STATUS_CHANGE_KINDS = ['joined', 'suspended', 'reinstated', 'notice', 'ended', 'erased'] as const;
export type StatusChangeKind = (typeof STATUS_CHANGE_KINDS)[number];

/** The dated history of a membership: who changed what, when it takes effect, and why. */
@Entity('member_status_changes')
@Index('ix_member_status_changes_member', { synchronize: false })
export class MemberStatusChange {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  memberId: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('member_id')
  member?: Member;

  @Column('text')
  kind: StatusChangeKind;

  @Column('date')
  effectiveOn: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
