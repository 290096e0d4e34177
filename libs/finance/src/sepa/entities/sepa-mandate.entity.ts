import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const MANDATE_KINDS = ['recurrent', 'one_off'] as const;
export type MandateKind = (typeof MANDATE_KINDS)[number];
export type MandateStatus = 'active' | 'revoked';

/**
 * A SEPA direct debit mandate (machtiging): the member's permission to collect from this account under this
 * reference. `first_collected_on` decides FRST or RCUR; a one-off mandate is spent once collected.
 */
@Entity('sepa_mandates')
@Unique('uq_sepa_mandates_reference', ['cooperativeId', 'reference'])
@Index('ix_sepa_mandates_member', ['cooperativeId', 'memberId'])
@Check('ck_sepa_mandates_kind', `kind IN ('recurrent', 'one_off')`)
@Check('ck_sepa_mandates_status', `status IN ('active', 'revoked')`)
@Check('ck_sepa_mandates_revoked', `(status = 'revoked') = (revoked_on IS NOT NULL)`)
@Check('ck_sepa_mandates_signed_via', `signed_via IN ('member', 'treasurer')`)
@Check('ck_sepa_mandates_reference', 'char_length(reference) BETWEEN 1 AND 35')
// A one-off mandate is collected once: its first collection is its last.
@Check('ck_sepa_mandates_collections', `(first_collected_on IS NULL) = (last_collected_on IS NULL) AND first_collected_on <= last_collected_on AND (kind = 'recurrent' OR first_collected_on = last_collected_on)`)
export class SepaMandate {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** The member in the membership register (another lib: no foreign key, checked through its service). */
  @Column('uuid')
  memberId: string;

  /** Mandate reference (MndtId), unique per cooperative, at most 35 characters of the SEPA set. */
  @Column('text')
  reference: string;

  /** The account holder, who may differ from the member (a partner, a guardian). */
  @Column('text')
  debtorName: string;

  /** Normalised: no spaces, upper case. */
  @Column('text')
  iban: string;

  @Column('text', { nullable: true })
  bic: string | null;

  @Column('date')
  signedOn: string;

  @Column('text')
  kind: MandateKind;

  @Column('text', { default: 'active' })
  status: MandateStatus;

  @Column('date', { nullable: true })
  revokedOn: string | null;

  @Column('text', { nullable: true })
  revocationReason: string | null;

  @Column('date', { nullable: true })
  firstCollectedOn: string | null;

  @Column('date', { nullable: true })
  lastCollectedOn: string | null;

  /** Signed by the member online (`member`) or recorded from a paper form by the treasurer (`treasurer`). */
  @Column('text')
  signedVia: 'member' | 'treasurer';

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
