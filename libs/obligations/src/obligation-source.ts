import { CooperativeId } from '@buurtcoop/core';
import { EscalationStep, ObligationType, StepRule } from './obligation-types';

/** A type's policy as it applies now: the board's settings or the defaults. */
export interface EffectivePolicy {
  type: ObligationType;
  enabled: boolean;
  termHours: number;
  steps: StepRule[];
}

/** An obligation whose facts changed: fulfilled, or lapsed (the duty no longer applies). */
export interface SettledObligation {
  id: string;
  outcome: 'fulfilled' | 'lapsed';
  /** Why it lapsed, e.g. "De factuur is geannuleerd"; becomes the waiver reason. */
  reason?: string;
}

/** A step the facts themselves took (dunning's letters for an invoice), at the fact's moment. */
export interface RecordedStep {
  obligationId: string;
  step: EscalationStep;
  at: Date;
}

/**
 * Where one obligation type's facts live. The engine asks each source, per cooperative and in one
 * transaction, to create the obligations the facts call for and to settle the ones the facts now
 * fulfil; escalation, notification and waivers are the engine's, the same for every type.
 * Sources query other libs' tables read-only and set-based (no query per obligation).
 */
export interface ObligationSource {
  readonly type: ObligationType;
  /**
   * Inserts into `obligations` what the facts call for as of `now` (status `open`, due date from the
   * facts and `policy.termHours`), `ON CONFLICT ON CONSTRAINT uq_obligations_subject DO NOTHING`;
   * returns how many it created.
   */
  discover(cooperativeId: CooperativeId, now: Date, policy: EffectivePolicy): Promise<number>;
  /** The obligations of this type still open, overdue or escalated whose facts are now settled. */
  settled(cooperativeId: CooperativeId, now: Date): Promise<SettledObligation[]>;
  /** Steps another lib took and told the member about itself; the engine records them without a message. */
  recordedSteps?(cooperativeId: CooperativeId): Promise<RecordedStep[]>;
}

/** Nest token under which every source is provided (multi-provider by array). */
export const OBLIGATION_SOURCES = Symbol('OBLIGATION_SOURCES');
