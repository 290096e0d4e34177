import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId } from '@buurtcoop/core';
import { CatalogueService } from '@buurtcoop/exchange';
import { EffectivePolicy } from './obligation-source';
import { ESCALATION_STEPS, OBLIGATION_TYPES, ObligationType, POLICY_DEFAULTS, StepRule } from './obligation-types';
import { ObligationsError, ObligationsErrorCode } from './obligations.errors';
import { ObligationsRepository } from './obligations.repository';

export interface PolicyChange {
  enabled: boolean;
  termHours: number;
  steps: StepRule[];
  /** Only for `timely_cancellation`: the late-cancellation fee (the booking policy's). */
  feeCents?: number;
}

export interface PolicyView extends EffectivePolicy {
  feeCents: number | null;
  suspends: 'booking_rights' | 'vog_offers' | null;
  /** Steps another lib takes itself (dunning's letters for invoices). */
  recordedSteps: string[];
  /** Where the term is kept, when the exchange's booking policy owns it. */
  termFrom: string | null;
  customised: boolean;
}

/**
 * Each type's term and escalation: the board's settings, else the defaults. The terms the exchange
 * enforces itself (auto-confirmation, the cancellation notice and its fee) live in its booking policy
 * and are read and written there, so that there is one setting for one rule.
 */
@Injectable()
export class ObligationPoliciesService {
  constructor(
    private readonly repository: ObligationsRepository,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {}

  async effective(cooperativeId: CooperativeId): Promise<Map<ObligationType, EffectivePolicy>> {
    return new Map((await this.views(cooperativeId)).map((v) => [v.type, { type: v.type, enabled: v.enabled, termHours: v.termHours, steps: v.steps }]));
  }

  async views(cooperativeId: CooperativeId): Promise<PolicyView[]> {
    const saved = new Map((await this.repository.policies(cooperativeId)).map((p) => [p.type, p]));
    const booking = await this.catalogue.policy(cooperativeId);
    return OBLIGATION_TYPES.map((type) => {
      const defaults = POLICY_DEFAULTS[type];
      const own = saved.get(type);
      const termHours =
        defaults.termFrom === 'auto_complete_days'
          ? booking.autoCompleteDays * 24
          : defaults.termFrom === 'cancellation_notice_hours'
            ? booking.cancellationNoticeHours
            : (own?.termHours ?? defaults.termHours);
      return {
        type,
        enabled: own?.enabled ?? true,
        termHours,
        steps: own?.steps ?? defaults.steps,
        feeCents: type === 'timely_cancellation' ? booking.lateCancellationFeeCents : null,
        suspends: defaults.suspends,
        recordedSteps: defaults.recordedSteps ?? [],
        termFrom: defaults.termFrom ?? null,
        customised: own !== undefined,
      };
    });
  }

  async update(cooperativeId: CooperativeId, type: ObligationType, change: PolicyChange, userId: string): Promise<PolicyView> {
    const defaults = POLICY_DEFAULTS[type];
    const steps = validSteps(type, change.steps);
    if (change.feeCents !== undefined && type !== 'timely_cancellation') {
      throw new ObligationsError(ObligationsErrorCode.FeeNotApplicable, `Only a late cancellation carries a fee; ${type} has none`, 'feeCents');
    }
    if (defaults.termFrom === 'auto_complete_days') {
      if (change.termHours % 24 !== 0 || change.termHours < 24 || change.termHours > 60 * 24) {
        throw new ObligationsError(ObligationsErrorCode.InvalidTerm, 'termHours: delivered work is confirmed automatically after whole days, 24 to 1440 hours', 'termHours');
      }
      await this.catalogue.updatePolicy(cooperativeId, { autoCompleteDays: change.termHours / 24 });
    } else if (defaults.termFrom === 'cancellation_notice_hours') {
      if (change.termHours > 168) throw new ObligationsError(ObligationsErrorCode.InvalidTerm, 'termHours: the cancellation notice is at most 168 hours', 'termHours');
      await this.catalogue.updatePolicy(cooperativeId, { cancellationNoticeHours: change.termHours, ...(change.feeCents !== undefined ? { lateCancellationFeeCents: change.feeCents } : {}) });
    }
    await this.repository.savePolicy(cooperativeId, { type, enabled: change.enabled, termHours: change.termHours, steps }, userId);
    await this.audit.record({ action: 'obligation_policy.update', objectType: 'obligation_policy', details: { type, ...change } });
    return (await this.views(cooperativeId)).find((v) => v.type === type)!;
  }
}

/** Steps in escalation order, each once, never earlier than the step before; only those the type can take. */
function validSteps(type: ObligationType, steps: StepRule[]): StepRule[] {
  const defaults = POLICY_DEFAULTS[type];
  const sorted = [...steps].sort((a, b) => ESCALATION_STEPS.indexOf(a.step) - ESCALATION_STEPS.indexOf(b.step));
  sorted.forEach((rule, i) => {
    const field = `steps[${steps.indexOf(rule)}]`;
    if (defaults.recordedSteps?.includes(rule.step)) {
      throw new ObligationsError(ObligationsErrorCode.InvalidSteps, `${field}: the ${rule.step} for ${type} is dunning's letter, sent on dunning's schedule`, field);
    }
    if (rule.step === 'suspension' && defaults.suspends === null) {
      throw new ObligationsError(ObligationsErrorCode.InvalidSteps, `${field}: ${type} has no suspension step`, field);
    }
    if (i > 0 && sorted[i - 1].step === rule.step) throw new ObligationsError(ObligationsErrorCode.InvalidSteps, `${field}: ${rule.step} appears twice`, field);
    if (i > 0 && sorted[i - 1].afterDays > rule.afterDays) {
      throw new ObligationsError(ObligationsErrorCode.InvalidSteps, `${field}: ${rule.step} comes before ${sorted[i - 1].step} (${rule.afterDays} < ${sorted[i - 1].afterDays} days)`, field);
    }
  });
  return sorted.map((r) => ({ step: r.step, afterDays: r.afterDays }));
}
