import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique, UpdateDateColumn } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import { Fund } from '../../funds/entities/fund.entity';
import { JournalEntry } from '../../ledger/entities/journal-entry.entity';

export const DONOR_KINDS = ['person', 'company', 'housing_corporation', 'foundation'] as const;
/** A resident, a company, a housing corporation (woningcorporatie) or a foundation. */
export type DonorKind = (typeof DONOR_KINDS)[number];

export const DONATION_CHANNELS = ['stripe', 'bank_transfer', 'cash'] as const;
export type DonationChannel = (typeof DONATION_CHANNELS)[number];

export const DONATION_STATUSES = ['received', 'cancelled'] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];

export const PLEDGE_FREQUENCIES = ['month', 'quarter', 'year'] as const;
export type PledgeFrequency = (typeof PLEDGE_FREQUENCIES)[number];

export const PLEDGE_CHANNELS = ['bank_transfer', 'stripe'] as const;
export type PledgeChannel = (typeof PLEDGE_CHANNELS)[number];

/** Someone who gives to the cooperative. Personal data: only the board and the treasurer see donors. */
@Entity('donors')
@Index('ix_donors_iban', ['cooperativeId', 'iban'])
// One donor per e-mail address, so a repeated Stripe gift finds its donor (case-insensitive, hand-written SQL).
@Index('uq_donors_email', { synchronize: false })
@Check('ck_donors_kind', `"kind" IN ('person', 'company', 'housing_corporation', 'foundation')`)
export class Donor {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('text')
  kind: DonorKind;

  @Column('text')
  name: string;

  /** For an organisation: whom to address. */
  @Column('text', { nullable: true })
  contactPerson: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  /** Street and house number. */
  @Column('text', { nullable: true })
  street: string | null;

  @Column('text', { nullable: true })
  postcode: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  /** Normalised (no spaces, upper case); transfers from it are recognised as this donor's gifts. */
  @Column('text', { nullable: true })
  iban: string | null;

  /** When the donor is a member of the cooperative. */
  @Column('uuid', { nullable: true })
  memberId: string | null;

  /** May the cooperative name the donor publicly (annual report, website)? */
  @Column('boolean', { default: false })
  publicConsent: boolean;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A periodic gift: an amount each month, quarter or year from a start date, paid by transfer or repeated checkouts. */
@Entity('donation_pledges')
@Index('ix_donation_pledges_donor', ['cooperativeId', 'donorId'])
@Check('ck_donation_pledges_amount', `"amount_cents" > 0`)
@Check('ck_donation_pledges_frequency', `"frequency" IN ('month', 'quarter', 'year')`)
@Check('ck_donation_pledges_channel', `"channel" IN ('bank_transfer', 'stripe')`)
@Check('ck_donation_pledges_period', `"ends_on" IS NULL OR "ends_on" >= "starts_on"`)
export class DonationPledge {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  donorId: string;

  @ManyToOne(() => Donor, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('donor_id')
  donor?: Donor;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('text')
  frequency: PledgeFrequency;

  @Column('date')
  startsOn: string;

  /** The last day a payment falls due; null while the pledge runs on. */
  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @Column('text')
  channel: PledgeChannel;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A gift received, and the ledger entry that booked it. Never deleted: a mistaken one is cancelled with a
 * reversal entry. `ledgerKey` is the entry's idempotency key (`donation:<id>`, `statement-line:<id>`,
 * `stripe:payment:<id>`): one donation per booking, however often the same payment is reported.
 */
@Entity('donations')
@Unique('uq_donations_ledger_key', ['cooperativeId', 'ledgerKey'])
@Index('ix_donations_donor', ['cooperativeId', 'donorId', 'receivedOn'])
@Index('ix_donations_pledge', ['cooperativeId', 'pledgeId'])
@Check('ck_donations_amount', `"amount_cents" > 0`)
@Check('ck_donations_channel', `"channel" IN ('stripe', 'bank_transfer', 'cash')`)
@Check('ck_donations_status', `"status" IN ('received', 'cancelled')`)
@Check('ck_donations_cancel_reason', `"status" = 'received' OR "cancel_reason" IS NOT NULL`)
export class Donation {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  donorId: string;

  @ManyToOne(() => Donor, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('donor_id')
  donor?: Donor;

  @Column('bigint', { transformer: CENTS })
  amountCents: number;

  @Column('date')
  receivedOn: string;

  @Column('text')
  channel: DonationChannel;

  @Column('uuid', { nullable: true })
  fundId: string | null;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('fund_id')
  fund?: Fund;

  @Column('uuid', { nullable: true })
  pledgeId: string | null;

  @ManyToOne(() => DonationPledge, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('pledge_id')
  pledge?: DonationPledge;

  @Column('text')
  ledgerKey: string;

  @Column('uuid')
  entryId: string;

  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('entry_id')
  entry?: Relation<JournalEntry>;

  /** The bank line it arrived on, when it came from a statement. */
  @Column('uuid', { nullable: true })
  statementLineId: string | null;

  @Column('text', { default: 'received' })
  status: DonationStatus;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
