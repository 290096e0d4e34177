import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@buurtcoop/core';
import { ObligationEvent } from '../entities/obligation.entity';
import { DAY_MS, ESCALATION_STEPS, EscalationStep, OBLIGATION_STATUSES, OBLIGATION_TYPES, ObligationStatus, ObligationType } from '../obligation-types';
import { PolicyView } from '../obligation-policies.service';
import { ObligationRow } from '../obligations.repository';
import { BulkAction, BulkOutcome } from '../obligations.service';

const list = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value);

export class WorklistQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Statuses, comma-separated (default: overdue,escalated)', example: 'overdue,escalated' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsIn(OBLIGATION_STATUSES, { each: true })
  status?: ObligationStatus[];

  @ApiPropertyOptional({ description: 'Types, comma-separated', example: 'invoice_payment,hours_logging' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsIn(OBLIGATION_TYPES, { each: true })
  type?: ObligationType[];

  @ApiPropertyOptional({ format: 'uuid', description: 'One member’s obligations' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ description: 'Only those due at least this many days ago', example: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  minAgeDays?: number;
}

export class WaiveDto {
  @ApiProperty({ description: 'Why the board waives it (kept in the obligation’s history and the audit log)', example: 'Regeling getroffen met het lid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class BulkActionDto {
  @ApiProperty({ type: [String], description: 'The obligations (1 to 500)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiProperty({ enum: ['waive', 'remind'], description: 'waive (needs a reason) or remind now' })
  @IsIn(['waive', 'remind'])
  action: BulkAction;

  @ApiPropertyOptional({ description: 'Why, for a waiver' })
  @ValidateIf((o: BulkActionDto) => o.action === 'waive')
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class StepRuleDto {
  @ApiProperty({ enum: ESCALATION_STEPS, description: 'The step' })
  @IsIn(ESCALATION_STEPS)
  step: EscalationStep;

  @ApiProperty({ description: 'Days after the due date (negative: before it)', example: 7 })
  @IsInt()
  @Min(-90)
  @Max(365)
  afterDays: number;
}

export class UpdateObligationPolicyDto {
  @ApiProperty({ description: 'Whether the cooperative uses this obligation' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ description: 'Hours from the fact that starts the obligation to its due date', example: 72 })
  @IsInt()
  @Min(0)
  @Max(24 * 90)
  termHours: number;

  @ApiProperty({ type: [StepRuleDto], description: 'Escalation steps in order' })
  @IsArray()
  @ArrayMaxSize(ESCALATION_STEPS.length)
  @ValidateNested({ each: true })
  @Type(() => StepRuleDto)
  steps: StepRuleDto[];

  @ApiPropertyOptional({ description: 'Late cancellation only: the fee in cents (0: recorded without a fee)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  feeCents?: number;
}

export class ObligationResponse {
  @ApiProperty({ format: 'uuid', description: 'Obligation id' }) id: string;
  @ApiProperty({ enum: OBLIGATION_TYPES, description: 'What kind of obligation' }) type: ObligationType;
  @ApiProperty({ enum: OBLIGATION_STATUSES, description: 'open, overdue, escalated, fulfilled or waived' }) status: ObligationStatus;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The member; empty for the cooperative’s own duties' }) memberId: string | null;
  @ApiProperty({ nullable: true, description: 'Member number' }) memberNumber: number | null;
  @ApiProperty({ nullable: true, description: 'Member name' }) memberName: string | null;
  @ApiProperty({ description: 'What it is about' }) summary: string;
  @ApiProperty({ nullable: true, description: 'Amount concerned, in cents' }) amountCents: number | null;
  @ApiProperty({ description: 'Due at' }) dueAt: string;
  @ApiProperty({ description: 'Whole days since the due date (negative: not yet due)' }) ageDays: number;
  @ApiProperty({ enum: ESCALATION_STEPS, nullable: true, description: 'Furthest escalation step taken' }) step: EscalationStep | null;
  @ApiProperty({ nullable: true, description: 'When that step was taken' }) stepAt: string | null;
  @ApiProperty({ nullable: true, description: 'When the facts fulfilled it' }) fulfilledAt: string | null;
  @ApiProperty({ nullable: true, description: 'When it was waived' }) waivedAt: string | null;
  @ApiProperty({ nullable: true, description: 'Why it was waived' }) waiverReason: string | null;
}

export class ObligationPageResponse {
  @ApiProperty({ type: [ObligationResponse], description: 'This page' }) items: ObligationResponse[];
  @ApiProperty({ description: 'How many match' }) total: number;
}

export class ObligationEventResponse {
  @ApiProperty({ description: 'Step, reminder, fulfilment, waiver or restoration' }) kind: string;
  @ApiProperty({ description: 'When' }) at: string;
  @ApiProperty({ description: 'Details (who was told, what was paused, the reason)' }) details: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The board member, for a waiver or a reminder by hand' }) actorUserId: string | null;
}

export class ObligationDetailResponse extends ObligationResponse {
  @ApiProperty({ type: [ObligationEventResponse], description: 'History, oldest first' }) events: ObligationEventResponse[];
}

export class WorklistSummaryRow {
  @ApiProperty({ enum: OBLIGATION_TYPES, description: 'Type' }) type: ObligationType;
  @ApiProperty({ enum: OBLIGATION_STATUSES, description: 'Status' }) status: ObligationStatus;
  @ApiProperty({ enum: ['not_due', '0-7', '8-30', '31-60', '60+'], description: 'Days since the due date' }) ageBucket: string;
  @ApiProperty({ description: 'How many' }) count: number;
  @ApiProperty({ description: 'Amount concerned, in cents' }) amountCents: number;
}

export class BulkOutcomeResponse {
  @ApiProperty({ format: 'uuid', description: 'Obligation id' }) id: string;
  @ApiProperty({ description: 'Whether the action was done' }) done: boolean;
  @ApiPropertyOptional({ description: 'Why not' }) reason?: string;
}

export class BulkResponse {
  @ApiProperty({ type: [BulkOutcomeResponse], description: 'Per obligation' }) results: BulkOutcome[];
}

export class ObligationPolicyResponse {
  @ApiProperty({ enum: OBLIGATION_TYPES, description: 'Type' }) type: ObligationType;
  @ApiProperty({ description: 'In use' }) enabled: boolean;
  @ApiProperty({ description: 'Hours from the starting fact to the due date' }) termHours: number;
  @ApiProperty({ type: [StepRuleDto], description: 'Escalation steps' }) steps: StepRuleDto[];
  @ApiProperty({ nullable: true, description: 'Late cancellation fee in cents' }) feeCents: number | null;
  @ApiProperty({ nullable: true, description: 'What a suspension step suspends' }) suspends: string | null;
  @ApiProperty({ type: [String], description: 'Steps another part of the product takes itself (dunning’s letters)' }) recordedSteps: string[];
  @ApiProperty({ nullable: true, description: 'Where the term is kept when the booking policy owns it' }) termFrom: string | null;
  @ApiProperty({ description: 'Changed from the defaults' }) customised: boolean;
}

export class EvaluationResponse {
  @ApiProperty({ description: 'Obligations created' }) created: number;
  @ApiProperty({ description: 'Fulfilled by the facts' }) fulfilled: number;
  @ApiProperty({ description: 'Lapsed (the duty no longer applies)' }) lapsed: number;
  @ApiProperty({ description: 'Escalation steps taken' }) steps: number;
  @ApiProperty({ description: 'Messages written' }) messages: number;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function mapObligation(o: ObligationRow, now: Date): ObligationResponse {
  return {
    id: o.id,
    type: o.type,
    status: o.status,
    memberId: o.memberId,
    memberNumber: o.memberNumber,
    memberName: o.memberName,
    summary: o.summary,
    amountCents: o.amountCents,
    dueAt: new Date(o.dueAt).toISOString(),
    ageDays: Math.floor((now.getTime() - new Date(o.dueAt).getTime()) / DAY_MS),
    step: o.step,
    stepAt: iso(o.stepAt),
    fulfilledAt: iso(o.fulfilledAt),
    waivedAt: iso(o.waivedAt),
    waiverReason: o.waiverReason,
  };
}

export function mapEvent(e: ObligationEvent): ObligationEventResponse {
  return { kind: e.kind, at: new Date(e.at).toISOString(), details: e.details, actorUserId: e.actorUserId };
}

export function mapPolicy(p: PolicyView): ObligationPolicyResponse {
  return { type: p.type, enabled: p.enabled, termHours: p.termHours, steps: p.steps, feeCents: p.feeCents, suspends: p.suspends, recordedSteps: p.recordedSteps, termFrom: p.termFrom, customised: p.customised };
}
