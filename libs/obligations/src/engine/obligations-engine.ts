import { Inject, Injectable } from '@nestjs/common';
import { AuditService, Clock, CooperativeId, MailService, TenancyService, dutchDate, formatEuro } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { OBLIGATION_SOURCES, ObligationSource } from '../obligation-source';
import { DAY_MS, ESCALATION_STEPS, EscalationStep, ObligationType, POLICY_DEFAULTS, StepRule } from '../obligation-types';
import { ObligationPoliciesService } from '../obligation-policies.service';
import { ObligationsRepository, TakenStep } from '../obligations.repository';
import { obligationMail } from './obligation-mail';

export interface EvaluationOutcome {
  created: number;
  fulfilled: number;
  lapsed: number;
  steps: number;
  messages: number;
}

/** `DD-MM-YYYY` in Dutch local time. */
function dutchDay(moment: Date): string {
  return dutchDate(moment).split('-').reverse().join('-');
}

/**
 * Evaluates one cooperative's obligations, in its own transaction: creates those the facts call for,
 * closes those the facts settled, and takes each escalation step whose moment has come — once, however
 * many workers evaluate at the same time (the step's unique index decides; the loser sends nothing).
 * A message goes out for the furthest step an obligation reached, in the member's language.
 */
@Injectable()
export class ObligationsEngine {
  constructor(
    @Inject(OBLIGATION_SOURCES) private readonly sources: ObligationSource[],
    private readonly repository: ObligationsRepository,
    private readonly policies: ObligationPoliciesService,
    private readonly members: MembersService,
    private readonly tenancy: TenancyService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async evaluate(cooperativeId: CooperativeId): Promise<EvaluationOutcome> {
    const now = this.clock.now();
    const policies = await this.policies.effective(cooperativeId);
    let created = 0;
    const settled = [];
    const recorded = [];
    for (const source of this.sources) {
      const policy = policies.get(source.type)!;
      if (policy.enabled) created += await source.discover(cooperativeId, now, policy);
      settled.push(...(await source.settled(cooperativeId, now)));
      if (policy.enabled && source.recordedSteps) recorded.push(...(await source.recordedSteps(cooperativeId)));
    }
    const closed = await this.repository.settle(cooperativeId, settled, now);
    await this.liftSuspensions(cooperativeId, closed.filter((c) => c.step === 'suspension').map((c) => c.id), now);

    const recordedIds = await this.repository.recordSteps(cooperativeId, recorded);
    await this.repository.markOverdue(cooperativeId, now);

    const rules = [...policies.values()].filter((p) => p.enabled).flatMap((p) => p.steps.map((s) => ({ type: p.type, ...s })));
    // A VOG suspension pauses offers in the same statement that takes the step; the other steps go together.
    const vogSuspension = rules.find((r) => r.type === 'vog_validity' && r.step === 'suspension');
    const taken = await this.repository.takeSteps(cooperativeId, now, rules.filter((r) => r !== vogSuspension));
    if (vogSuspension) taken.push(...(await this.suspendVogOffers(cooperativeId, vogSuspension, now)));
    await this.suspendBookingRights(cooperativeId, taken.filter((t) => t.step === 'suspension' && POLICY_DEFAULTS[t.type].suspends === 'booking_rights'));
    await this.repository.refreshSteps(cooperativeId, [...new Set([...recordedIds, ...taken.map((t) => t.obligationId)])], now);
    const messages = await this.notify(cooperativeId, furthestPerObligation(taken), now);

    return { created, fulfilled: closed.filter((c) => c.outcome === 'fulfilled').length, lapsed: closed.filter((c) => c.outcome === 'lapsed').length, steps: taken.length, messages };
  }

  /** A fulfilled or waived obligation gives back what its suspension took: booking rights, paused offers. */
  async liftSuspensions(cooperativeId: CooperativeId, obligationIds: string[], now: Date): Promise<void> {
    if (obligationIds.length === 0) return;
    const lifted = await this.repository.findMany(cooperativeId, obligationIds);
    const resumed = await this.repository.resumeVogOffers(cooperativeId, lifted.filter((o) => o.type === 'vog_validity').map((o) => o.id));
    const bookingMembers = [...new Set(lifted.filter((o) => POLICY_DEFAULTS[o.type].suspends === 'booking_rights' && o.memberId).map((o) => o.memberId!))];
    const free = await this.repository.membersFreeOfSuspension(cooperativeId, bookingMembers);
    const restored = await this.members.setBookingSuspension(cooperativeId, free, null);
    for (const o of lifted) {
      const details = o.type === 'vog_validity' ? { resumedOffers: resumed } : { bookingRightsRestored: o.memberId !== null && restored.includes(o.memberId) };
      await this.repository.addEvent(cooperativeId, o.id, 'restored', now, details, null);
    }
    for (const memberId of restored) {
      await this.audit.record({ action: 'member.booking_rights.restore', objectType: 'member', objectId: memberId, actorUserId: null });
    }
  }

  private async suspendVogOffers(cooperativeId: CooperativeId, rule: { type: ObligationType } & StepRule, now: Date): Promise<TakenStep[]> {
    const due = await this.repository.list(cooperativeId, { statuses: ['open', 'overdue', 'escalated'], types: ['vog_validity'], dueBefore: new Date(now.getTime() - rule.afterDays * DAY_MS) }, { page: 1, pageSize: 10_000 });
    const taken: TakenStep[] = [];
    for (const o of due.items) {
      if (o.memberId === null || o.step === 'suspension') continue;
      const paused = await this.repository.suspendVogOffers(cooperativeId, o.id, o.memberId, now);
      if (paused === null) continue;
      taken.push({ obligationId: o.id, type: o.type, step: 'suspension', memberId: o.memberId, summary: o.summary, amountCents: o.amountCents, dueAt: o.dueAt });
      await this.audit.record({ action: 'offers.pause_for_vog', objectType: 'member', objectId: o.memberId, actorUserId: null, details: { obligationId: o.id, offers: paused } });
    }
    return taken;
  }

  private async suspendBookingRights(cooperativeId: CooperativeId, steps: TakenStep[]): Promise<void> {
    for (const step of steps) {
      if (!step.memberId) continue;
      const changed = await this.members.setBookingSuspension(cooperativeId, [step.memberId], `Openstaande verplichting: ${step.summary}`);
      if (changed.length > 0) {
        await this.audit.record({ action: 'member.booking_rights.suspend', objectType: 'member', objectId: step.memberId, actorUserId: null, details: { obligationId: step.obligationId } });
      }
    }
  }

  /** Writes each step's message to the outbox, in this transaction; returns how many. */
  async notify(cooperativeId: CooperativeId, steps: Array<Pick<TakenStep, 'type' | 'memberId' | 'summary' | 'amountCents' | 'dueAt'> & { step: EscalationStep | 'manual_reminder' }>, now: Date): Promise<number> {
    if (steps.length === 0) return 0;
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    const members = new Map((await this.repository.recipients(cooperativeId, [...new Set(steps.flatMap((s) => (s.memberId ? [s.memberId] : [])))])).map((r) => [r.memberId, r]));
    const board = steps.some((s) => s.memberId === null) ? await this.repository.boardRecipients(cooperativeId) : [];
    let sent = 0;
    for (const step of steps) {
      const recipients = step.memberId ? [members.get(step.memberId)].filter((r) => r !== undefined) : board;
      for (const recipient of recipients) {
        const params = {
          type: step.type,
          step: step.step,
          cooperativeName: cooperative.name,
          recipientName: recipient.name,
          summary: step.summary,
          dueOn: dutchDay(new Date(step.dueAt)),
          amount: step.amountCents ? formatEuro(step.amountCents, recipient.language) : '',
          late: new Date(step.dueAt) <= now,
        };
        await this.mail.send(obligationMail(step.type, step.step), params, { to: recipient.email, language: recipient.language, memberId: recipient.memberId });
        sent++;
      }
    }
    return sent;
  }
}

/** Several steps may fall due at once (after a pause in evaluation): the member hears of the furthest only. */
function furthestPerObligation(taken: TakenStep[]): TakenStep[] {
  const furthest = new Map<string, TakenStep>();
  for (const step of taken) {
    const seen = furthest.get(step.obligationId);
    if (!seen || ESCALATION_STEPS.indexOf(step.step) > ESCALATION_STEPS.indexOf(seen.step)) furthest.set(step.obligationId, step);
  }
  return [...furthest.values()];
}
