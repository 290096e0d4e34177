import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TenantJoinColumn } from '@buurtcoop/core';
import { SepaMandate } from './sepa-mandate.entity';

/**
 * A change of a mandate's reference or account, with what it was before. Until the next collection carries it
 * in `AmdmntInfDtls`, it is pending: the debtor's bank only knows the mandate by its original details.
 */
@Entity('sepa_mandate_amendments')
@Index('ix_sepa_mandate_amendments_mandate', ['cooperativeId', 'mandateId'])
@Check('ck_sepa_mandate_amendments_change', 'original_reference IS NOT NULL OR original_iban IS NOT NULL')
@Check('ck_sepa_mandate_amendments_carried', 'NOT (pending AND carried_on IS NOT NULL)')
export class SepaMandateAmendment {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  mandateId: string;

  @ManyToOne(() => SepaMandate, { onDelete: 'CASCADE' })
  @TenantJoinColumn('mandate_id')
  mandate?: SepaMandate;

  @Column('date')
  amendedOn: string;

  /** Set when the reference changed. */
  @Column('text', { nullable: true })
  originalReference: string | null;

  /** Set when the account changed. */
  @Column('text', { nullable: true })
  originalIban: string | null;

  @Column('text', { nullable: true })
  originalBic: string | null;

  /** Still to be reported in the next collection. False once carried, and for mandates never collected. */
  @Column('boolean')
  pending: boolean;

  @Column('date', { nullable: true })
  carriedOn: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
