import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';
import type { PainVersion } from '../pain008';

/** The cooperative as a SEPA creditor (incassant): who collects, into which account, in which file version. */
@Entity('sepa_settings')
@Check('ck_sepa_settings_pain_version', `pain_version IN ('.001.02', '.001.08')`)
export class SepaSettings {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @OneToOne(() => Cooperative, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** Incassant-ID, e.g. NL57ZZZ999999999999. */
  @Column('text')
  creditorId: string;

  @Column('text')
  creditorName: string;

  /** Normalised: no spaces, upper case. */
  @Column('text')
  iban: string;

  @Column('text', { nullable: true })
  bic: string | null;

  @Column('text', { default: '.001.02' })
  painVersion: PainVersion;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
