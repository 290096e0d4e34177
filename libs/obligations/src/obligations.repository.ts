import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ObligationEvent, ObligationPolicy } from './entities/obligation.entity';
import { SettledObligation, RecordedStep } from './obligation-source';
import { ESCALATION_STEPS, EscalationStep, ObligationStatus, ObligationType, StepRule } from './obligation-types';

const STEP_KINDS = ESCALATION_STEPS.map((s) => `'${s}'`).join(', ');
/** The partial unique index that lets an escalation step happen once per obligation. */
const STEP_ONCE = `ON CONFLICT (cooperative_id, obligation_id, kind) WHERE kind IN (${STEP_KINDS}) DO NOTHING`;
const OPEN = `('open', 'overdue', 'escalated')`;

/** A step the engine has just taken, with what the message and the actions need. */
export interface TakenStep {
  obligationId: string;
  type: ObligationType;
  step: EscalationStep;
  memberId: string | null;
  summary: string;
  amountCents: number | null;
  dueAt: Date;
}

/** An obligation as the worklist and the member show it. */
export interface ObligationRow {
  id: string;
  type: ObligationType;
  status: ObligationStatus;
  memberId: string | null;
  memberNumber: number | null;
  memberName: string | null;
  summary: string;
  amountCents: number | null;
  dueAt: Date;
  step: EscalationStep | null;
  stepAt: Date | null;
  fulfilledAt: Date | null;
  waivedAt: Date | null;
  waiverReason: string | null;
  createdAt: Date;
}

export interface ObligationFilter {
  statuses: ObligationStatus[];
  types?: ObligationType[];
  memberId?: string;
  /** Only those due at least this long ago. */
  dueBefore?: Date;
}

export interface Recipient {
  memberId: string | null;
  email: string;
  language: 'nl' | 'en';
  name: string;
}

const ROW = `o.id, o.type, o.status, o.member_id AS "memberId", m.member_number AS "memberNumber",
             coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.organisation_name) AS "memberName",
             o.summary, o.amount_cents::int8 AS "amountCents", o.due_at AS "dueAt", o.step, o.step_at AS "stepAt",
             o.fulfilled_at AS "fulfilledAt", o.waived_at AS "waivedAt", o.waiver_reason AS "waiverReason", o.created_at AS "createdAt"
        FROM obligations o LEFT JOIN members m ON m.cooperative_id = o.cooperative_id AND m.id = o.member_id`;

/** `pg` returns bigint as text; amounts are safe integers of cents. */
const cents = (value: number | string | null): number | null => (value === null ? null : Number(value));
const withCents = (row: ObligationRow): ObligationRow => ({ ...row, amountCents: cents(row.amountCents) });

@Injectable()
export class ObligationsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  policies(cooperativeId: CooperativeId): Promise<ObligationPolicy[]> {
    return this.uow.manager().getRepository(ObligationPolicy).findBy({ cooperativeId });
  }

  async savePolicy(cooperativeId: CooperativeId, policy: { type: ObligationType; enabled: boolean; termHours: number; steps: StepRule[] }, userId: string): Promise<void> {
    await this.uow.rows(
      `INSERT INTO obligation_policies (cooperative_id, type, enabled, term_hours, steps, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, now(), $6)
       ON CONFLICT (cooperative_id, type) DO UPDATE SET enabled = EXCLUDED.enabled, term_hours = EXCLUDED.term_hours, steps = EXCLUDED.steps,
              updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [cooperativeId, policy.type, policy.enabled, policy.termHours, JSON.stringify(policy.steps), userId],
    );
  }

  /** Closes what the facts settled; returns the ones this call closed (a racing evaluation closes none twice). */
  async settle(cooperativeId: CooperativeId, settled: SettledObligation[], now: Date): Promise<Array<SettledObligation & { step: EscalationStep | null }>> {
    if (settled.length === 0) return [];
    return this.uow.rows(
      `WITH s AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, outcome text, reason text)),
       closed AS (
         UPDATE obligations o
            SET status = CASE s.outcome WHEN 'fulfilled' THEN 'fulfilled' ELSE 'waived' END,
                fulfilled_at = CASE s.outcome WHEN 'fulfilled' THEN $3::timestamptz END,
                waived_at = CASE s.outcome WHEN 'lapsed' THEN $3::timestamptz END,
                waiver_reason = CASE s.outcome WHEN 'lapsed' THEN coalesce(s.reason, 'Vervallen') END
           FROM s WHERE o.cooperative_id = $1 AND o.id = s.id AND o.status IN ${OPEN}
         RETURNING o.id, s.outcome, s.reason, o.step),
       logged AS (
         INSERT INTO obligation_events (cooperative_id, obligation_id, kind, at, details)
         SELECT $1, id, CASE outcome WHEN 'fulfilled' THEN 'fulfilled' ELSE 'waived' END, $3, jsonb_strip_nulls(jsonb_build_object('reason', reason))
           FROM closed)
       SELECT id, outcome, reason, step FROM closed`,
      [cooperativeId, JSON.stringify(settled), now],
    );
  }

  /** Records steps other libs took, at their own moment; returns those not recorded before. */
  async recordSteps(cooperativeId: CooperativeId, steps: RecordedStep[]): Promise<string[]> {
    if (steps.length === 0) return [];
    const rows = await this.uow.rows<{ obligation_id: string }>(
      `INSERT INTO obligation_events (cooperative_id, obligation_id, kind, at, details)
       SELECT $1, s."obligationId", s.step, s.at, '{"by": "dunning"}'::jsonb
         FROM jsonb_to_recordset($2::jsonb) AS s("obligationId" uuid, step text, at timestamptz)
       ${STEP_ONCE} RETURNING obligation_id`,
      [cooperativeId, JSON.stringify(steps)],
    );
    return rows.map((r) => r.obligation_id);
  }

  async markOverdue(cooperativeId: CooperativeId, now: Date): Promise<number> {
    const rows = await this.uow.rows(`UPDATE obligations SET status = 'overdue' WHERE cooperative_id = $1 AND status = 'open' AND due_at <= $2 RETURNING 1`, [
      cooperativeId,
      now,
    ]);
    return rows.length;
  }

  /**
   * Takes every step whose moment has come, one statement for all obligations. The partial unique index
   * makes each step happen once: an evaluation racing this one waits, then finds it taken and gets nothing back.
   */
  async takeSteps(cooperativeId: CooperativeId, now: Date, rules: Array<{ type: ObligationType } & StepRule>): Promise<TakenStep[]> {
    if (rules.length === 0) return [];
    const rows = await this.uow.rows<TakenStep>(
      `WITH r AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS r(type text, step text, "afterDays" int)),
       taken AS (
         INSERT INTO obligation_events (cooperative_id, obligation_id, kind, at)
         SELECT o.cooperative_id, o.id, r.step, $2
           FROM obligations o JOIN r ON r.type = o.type
          WHERE o.cooperative_id = $1 AND o.status IN ${OPEN} AND o.due_at + make_interval(days => r."afterDays") <= $2
            AND NOT EXISTS (SELECT 1 FROM obligation_events e WHERE e.cooperative_id = o.cooperative_id AND e.obligation_id = o.id AND e.kind = r.step)
         ${STEP_ONCE}
         RETURNING obligation_id, kind)
       SELECT o.id AS "obligationId", o.type, t.kind AS step, o.member_id AS "memberId", o.summary, o.amount_cents::int8 AS "amountCents", o.due_at AS "dueAt"
         FROM taken t JOIN obligations o ON o.cooperative_id = $1 AND o.id = t.obligation_id`,
      [cooperativeId, now, JSON.stringify(rules)],
    );
    return rows.map((r) => ({ ...r, amountCents: cents(r.amountCents) }));
  }

  /**
   * Pauses a provider's offers in VOG categories and records the suspension step in one statement, with the
   * offers it paused, so that a new VOG resumes exactly those. Empty when the step was already taken.
   */
  async suspendVogOffers(cooperativeId: CooperativeId, obligationId: string, memberId: string, now: Date): Promise<string[] | null> {
    const [row] = await this.uow.rows<{ paused: string[] }>(
      `WITH paused AS (
         UPDATE offers f SET paused = true
           FROM service_categories c
          WHERE f.cooperative_id = $1 AND f.provider_member_id = $3 AND NOT f.paused AND c.cooperative_id = f.cooperative_id AND c.id = f.category_id AND c.requires_vog
            AND NOT EXISTS (SELECT 1 FROM obligation_events e WHERE e.cooperative_id = $1 AND e.obligation_id = $2 AND e.kind = 'suspension')
         RETURNING f.id)
       INSERT INTO obligation_events (cooperative_id, obligation_id, kind, at, details)
       SELECT $1, $2, 'suspension', $4, jsonb_build_object('pausedOfferIds', coalesce((SELECT jsonb_agg(id) FROM paused), '[]'::jsonb))
       ${STEP_ONCE}
       RETURNING details->'pausedOfferIds' AS paused`,
      [cooperativeId, obligationId, memberId, now],
    );
    return row ? row.paused : null;
  }

  /** Resumes offers a VOG suspension paused (those the provider has not paused again themselves since). */
  async resumeVogOffers(cooperativeId: CooperativeId, obligationIds: string[]): Promise<number> {
    if (obligationIds.length === 0) return 0;
    const rows = await this.uow.rows(
      `UPDATE offers f SET paused = false
         FROM obligation_events e
        WHERE e.cooperative_id = $1 AND e.obligation_id = ANY($2::uuid[]) AND e.kind = 'suspension'
          AND f.cooperative_id = $1 AND f.paused AND f.id::text IN (SELECT jsonb_array_elements_text(e.details->'pausedOfferIds'))
       RETURNING 1`,
      [cooperativeId, obligationIds],
    );
    return rows.length;
  }

  /** Members among these whose booking rights no other unmet obligation keeps suspended. */
  async membersFreeOfSuspension(cooperativeId: CooperativeId, memberIds: string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.uow.rows<{ member_id: string }>(
      `SELECT DISTINCT m.member_id FROM unnest($2::uuid[]) AS m(member_id)
        WHERE NOT EXISTS (SELECT 1 FROM obligations o WHERE o.cooperative_id = $1 AND o.member_id = m.member_id AND o.status IN ${OPEN}
                             AND o.step = 'suspension' AND o.type <> 'vog_validity')`,
      [cooperativeId, memberIds],
    );
    return rows.map((r) => r.member_id);
  }

  /** Sets each obligation's furthest step and the status that follows from it and the due date. */
  async refreshSteps(cooperativeId: CooperativeId, obligationIds: string[], now: Date): Promise<void> {
    if (obligationIds.length === 0) return;
    await this.uow.rows(
      `UPDATE obligations o
          SET step = s.kind, step_at = s.at,
              status = CASE WHEN s.kind IN ('board_review', 'suspension') THEN 'escalated' WHEN o.due_at <= $3 THEN 'overdue' ELSE 'open' END
         FROM (SELECT DISTINCT ON (obligation_id) obligation_id, kind, at FROM obligation_events
                WHERE cooperative_id = $1 AND obligation_id = ANY($2::uuid[]) AND kind IN (${STEP_KINDS})
                ORDER BY obligation_id, array_position(ARRAY[${STEP_KINDS}], kind) DESC) s
        WHERE o.cooperative_id = $1 AND o.id = s.obligation_id AND o.status IN ${OPEN}`,
      [cooperativeId, obligationIds, now],
    );
  }

  async addEvent(cooperativeId: CooperativeId, obligationId: string, kind: ObligationEvent['kind'], now: Date, details: Record<string, unknown>, actorUserId: string | null): Promise<void> {
    await this.uow.rows(`INSERT INTO obligation_events (cooperative_id, obligation_id, kind, at, details, actor_user_id) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`, [
      cooperativeId,
      obligationId,
      kind,
      now,
      JSON.stringify(details),
      actorUserId,
    ]);
  }

  /** Waives open obligations; returns those this call waived. */
  async waive(cooperativeId: CooperativeId, ids: string[], reason: string, userId: string, now: Date): Promise<Array<{ id: string; memberId: string | null; type: ObligationType; step: EscalationStep | null }>> {
    return this.uow.rows(
      `UPDATE obligations SET status = 'waived', waived_at = $4, waived_by = $5, waiver_reason = $3
        WHERE cooperative_id = $1 AND id = ANY($2::uuid[]) AND status IN ${OPEN}
       RETURNING id, member_id AS "memberId", type, step`,
      [cooperativeId, ids, reason, now, userId],
    );
  }

  async list(cooperativeId: CooperativeId, filter: ObligationFilter, page: { page: number; pageSize: number }): Promise<{ items: ObligationRow[]; total: number }> {
    const where = [`o.cooperative_id = $1`, `o.status = ANY($2::text[])`];
    const params: unknown[] = [cooperativeId, filter.statuses];
    if (filter.types?.length) where.push(`o.type = ANY($${params.push(filter.types)}::text[])`);
    if (filter.memberId) where.push(`o.member_id = $${params.push(filter.memberId)}`);
    if (filter.dueBefore) where.push(`o.due_at <= $${params.push(filter.dueBefore)}`);
    const [{ total }] = await this.uow.rows<{ total: number }>(`SELECT count(*)::int AS total FROM obligations o WHERE ${where.join(' AND ')}`, params);
    const items = await this.uow.rows<ObligationRow>(
      `SELECT ${ROW} WHERE ${where.join(' AND ')} ORDER BY o.due_at, o.id LIMIT $${params.push(page.pageSize)} OFFSET $${params.push((page.page - 1) * page.pageSize)}`,
      params,
    );
    return { items: items.map(withCents), total };
  }

  /** Open obligations per type and age since the due date, for the worklist's head. */
  async summary(cooperativeId: CooperativeId, now: Date): Promise<Array<{ type: ObligationType; status: ObligationStatus; ageBucket: string; count: number; amountCents: number }>> {
    const rows = await this.uow.rows<{ type: ObligationType; status: ObligationStatus; ageBucket: string; count: number; amountCents: number }>(
      `SELECT type, status,
              CASE WHEN due_at > $2 THEN 'not_due' WHEN $2 - due_at <= interval '7 days' THEN '0-7' WHEN $2 - due_at <= interval '30 days' THEN '8-30'
                   WHEN $2 - due_at <= interval '60 days' THEN '31-60' ELSE '60+' END AS "ageBucket",
              count(*)::int AS count, coalesce(sum(amount_cents), 0)::int8 AS "amountCents"
         FROM obligations WHERE cooperative_id = $1 AND status IN ${OPEN}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [cooperativeId, now],
    );
    return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }));
  }

  async get(cooperativeId: CooperativeId, id: string): Promise<ObligationRow | null> {
    const [row] = await this.uow.rows<ObligationRow>(`SELECT ${ROW} WHERE o.cooperative_id = $1 AND o.id = $2`, [cooperativeId, id]);
    return row ? withCents(row) : null;
  }

  async findMany(cooperativeId: CooperativeId, ids: string[]): Promise<ObligationRow[]> {
    return (await this.uow.rows<ObligationRow>(`SELECT ${ROW} WHERE o.cooperative_id = $1 AND o.id = ANY($2::uuid[])`, [cooperativeId, ids])).map(withCents);
  }

  events(cooperativeId: CooperativeId, obligationId: string): Promise<ObligationEvent[]> {
    return this.uow.manager().getRepository(ObligationEvent).find({ where: { cooperativeId, obligationId }, order: { at: 'ASC', kind: 'ASC' } });
  }

  /** Members to write to, with their language; members without an e-mail address are left out. */
  recipients(cooperativeId: CooperativeId, memberIds: string[]): Promise<Recipient[]> {
    if (memberIds.length === 0) return Promise.resolve([]);
    return this.uow.rows<Recipient>(
      `SELECT m.id AS "memberId", m.email, m.language,
              coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), m.organisation_name, 'lid') AS name
         FROM members m WHERE m.cooperative_id = $1 AND m.id = ANY($2::uuid[]) AND m.email IS NOT NULL AND m.anonymised_at IS NULL`,
      [cooperativeId, memberIds],
    );
  }

  /** The board and the treasurer, for the cooperative's own duties: their member record's address and language, else their login's. */
  boardRecipients(cooperativeId: CooperativeId): Promise<Recipient[]> {
    return this.uow.rows<Recipient>(
      `SELECT DISTINCT ON (u.id) m.id AS "memberId", coalesce(m.email, u.email) AS email, coalesce(m.language, 'nl') AS language,
              coalesce(nullif(concat_ws(' ', m.first_name, m.last_name), ''), u.display_name) AS name
         FROM role_assignments r JOIN users u ON u.id = r.user_id
         LEFT JOIN members m ON m.cooperative_id = r.cooperative_id AND m.user_id = r.user_id AND m.anonymised_at IS NULL
        WHERE r.cooperative_id = $1 AND r.role IN ('board', 'treasurer')
        ORDER BY u.id`,
      [cooperativeId],
    );
  }
}
