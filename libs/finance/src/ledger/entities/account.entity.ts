import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
/** Assets and expenses grow with debits (positive amounts); liabilities, equity and income with credits. */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An account of the cooperative's chart (rekeningschema). */
@Entity('accounts')
@Unique('uq_accounts_code', ['cooperativeId', 'code'])
export class Account {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** e.g. `1100` Bank. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  type: AccountType;

  /** Seeded accounts the product posts to by code (bank, receivables, …) cannot be retired. */
  @Column('boolean', { default: false })
  system: boolean;
}
