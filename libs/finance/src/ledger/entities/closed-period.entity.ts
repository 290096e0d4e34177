import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

/** The treasurer closed the books up to and including this date: no entry may be dated on or before it. */
@Entity('ledger_closings')
export class LedgerClosing {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('date')
  closedThrough: string;

  @Column('uuid', { nullable: true })
  closedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  closedAt: Date;
}
