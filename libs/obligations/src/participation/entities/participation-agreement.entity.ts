import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const PARTICIPATION_PURPOSES = ['tegenprestatie', 'vrijwilligerswerk', 'other'] as const;
export type ParticipationPurpose = (typeof PARTICIPATION_PURPOSES)[number];

/**
 * A member's commitment to deliver a number of minutes of work a month: the tegenprestatie agreed with
 * the municipality's social services, or a volunteer commitment. Delivered minutes are never stored here:
 * they are counted from the member's completed bookings as provider, per Dutch calendar month.
 */
@Entity('participation_agreements')
@Index('ix_participation_agreements_member', ['cooperativeId', 'memberId'])
// One agreement per member and purpose at a time; an open end reaches into the future.
@Exclusion('ex_participation_agreements_overlap', `USING gist ("cooperative_id" WITH =, "member_id" WITH =, "purpose" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)`)
@Check('ck_participation_agreements_minutes', `"minutes_per_month" > 0 AND "minutes_per_month" <= 44640`)
@Check('ck_participation_agreements_purpose', `"purpose" IN ('tegenprestatie', 'vrijwilligerswerk', 'other')`)
@Check('ck_participation_agreements_starts', `EXTRACT(DAY FROM "starts_on") = 1`)
@Check('ck_participation_agreements_ends', `"ends_on" IS NULL OR ("ends_on" >= "starts_on" AND EXTRACT(DAY FROM "ends_on" + 1) = 1)`)
export class ParticipationAgreement {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** The member in the membership register (another lib: checked through its service). */
  @Column('uuid')
  memberId: string;

  @Column('integer')
  minutesPerMonth: number;

  @Column('text')
  purpose: ParticipationPurpose;

  /** What the member does, in the words of the agreement: "Klussen in de buurt, 8 uur per maand". */
  @Column('text')
  description: string;

  /** The municipality's kenmerk (or another party's reference), as printed on their letters. */
  @Column('text', { nullable: true })
  externalReference: string | null;

  /** The first day of a month. */
  @Column('date')
  startsOn: string;

  /** The last day of a month; open-ended when empty. */
  @Column('date', { nullable: true })
  endsOn: string | null;

  /** When the member last consented to attestations being issued; only the member gives or withdraws it. */
  @Column('timestamptz', { nullable: true })
  attestationConsentAt: Date | null;

  /** When the member withdrew that consent; empty while it stands. */
  @Column('timestamptz', { nullable: true })
  attestationConsentWithdrawnAt: Date | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the board ended the agreement (its `endsOn` says from when). */
  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;
}
