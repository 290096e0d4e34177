import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

/**
 * The last member number handed out. Taking the next one updates this row, so concurrent approvals
 * queue on its lock, and a rolled-back approval gives its number back: no gaps, no duplicates.
 */
@Entity('member_number_counters')
export class MemberNumberCounter {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('integer', { default: 0 })
  lastNumber: number;
}
