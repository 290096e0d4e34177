import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { CENTS, Cooperative, TenantJoinColumn } from '@buurtcoop/core';
import type { EscalationStep, ObligationStatus, ObligationType, StepRule } from '../obligation-types';

const TYPES = `'invoice_payment', 'hours_logging', 'consumer_confirmation', 'timely_cancellation', 'vog_validity', 'participation', 'funder_report'`;

/** How one cooperative runs one obligation type: its term and escalation steps. */
@Entity('obligation_policies')
@Check('ck_obligation_policies_type', `"type" IN (${TYPES})`)
@Check('ck_obligation_policies_term', `"term_hours" >= 0`)
export class ObligationPolicy {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('text')
  type: ObligationType;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('boolean', { default: true })
  enabled: boolean;

  @Column('integer')
  termHours: number;

  /** `[{ step, afterDays }]`, in the order of `ESCALATION_STEPS`. */
  @Column('jsonb')
  steps: StepRule[];

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;
}

/**
 * One obligation of one member (or, for funder reports, of the cooperative), created from the facts
 * of another lib: an invoice, a booking, a credential, an agreement's month, a report due.
 */
@Entity('obligations')
@Unique('uq_obligations_subject', ['cooperativeId', 'type', 'subjectId', 'period'])
@Index('ix_obligations_worklist', ['cooperativeId', 'status', 'dueAt'])
@Index('ix_obligations_member', ['cooperativeId', 'memberId'])
@Check('ck_obligations_type', `"type" IN (${TYPES})`)
@Check('ck_obligations_status', `"status" IN ('open', 'fulfilled', 'overdue', 'escalated', 'waived')`)
@Check('ck_obligations_step', `"step" IS NULL OR "step" IN ('reminder', 'second_reminder', 'board_review', 'suspension')`)
@Check('ck_obligations_waiver', `("status" = 'waived') = ("waived_at" IS NOT NULL) AND ("waived_at" IS NULL OR "waiver_reason" IS NOT NULL)`)
export class Obligation {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  @Column('text')
  type: ObligationType;

  /** The invoice, booking, credential, participation agreement or funding report. */
  @Column('uuid')
  subjectId: string;

  /** Which month of a participation agreement (`YYYY-MM`); empty otherwise. */
  @Column('text', { default: '' })
  period: string;

  /** Empty for the cooperative's own duties (funder reports). */
  @Column('uuid', { nullable: true })
  memberId: string | null;

  /** What it is about, in words the board recognises: "Factuur 2027-000042", "Boodschappen op 3 maart". */
  @Column('text')
  summary: string;

  @Column('bigint', { transformer: CENTS, nullable: true })
  amountCents: number | null;

  @Column('timestamptz')
  dueAt: Date;

  @Column('text', { default: 'open' })
  status: ObligationStatus;

  /** The furthest escalation step taken. */
  @Column('text', { nullable: true })
  step: EscalationStep | null;

  @Column('timestamptz', { nullable: true })
  stepAt: Date | null;

  @Column('timestamptz', { nullable: true })
  fulfilledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  waivedAt: Date | null;

  @Column('uuid', { nullable: true })
  waivedBy: string | null;

  @Column('text', { nullable: true })
  waiverReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export const OBLIGATION_EVENT_KINDS = ['reminder', 'second_reminder', 'board_review', 'suspension', 'manual_reminder', 'fulfilled', 'waived', 'restored'] as const;
export type ObligationEventKind = (typeof OBLIGATION_EVENT_KINDS)[number];

/**
 * What happened to an obligation, timestamped. An escalation step happens once per obligation (a partial
 * unique index), which is what keeps two workers from sending one reminder twice.
 */
@Entity('obligation_events')
@Index('ix_obligation_events_obligation', ['cooperativeId', 'obligationId', 'at'])
@Index('uq_obligation_events_step', { synchronize: false })
@Check('ck_obligation_events_kind', `"kind" IN ('reminder', 'second_reminder', 'board_review', 'suspension', 'manual_reminder', 'fulfilled', 'waived', 'restored')`)
export class ObligationEvent {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  obligationId: string;

  @ManyToOne(() => Obligation, { onDelete: 'RESTRICT' })
  @TenantJoinColumn('obligation_id')
  obligation?: Relation<Obligation>;

  @Column('text')
  kind: ObligationEventKind;

  @Column('timestamptz')
  at: Date;

  /** Who was told, what was paused or suspended, the waiver's reason. */
  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;

  /** The board member, for a waiver or a manual reminder; empty for the engine. */
  @Column('uuid', { nullable: true })
  actorUserId: string | null;
}
