import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { Cooperative } from '@buurtcoop/core';

export const ACCOUNTABILITY_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved'] as const;
/** draft → submitted → (changes_requested → submitted)* → approved. */
export type AccountabilityStatus = (typeof ACCOUNTABILITY_STATUSES)[number];

export const NARRATIVE_SECTIONS = ['samenvatting', 'activiteiten', 'bereik', 'financien', 'vooruitblik'] as const;
/** The written parts of a verantwoording, in the order they are printed. */
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export type Narrative = Record<NarrativeSection, string>;

/** The board's accountability report (verantwoording) to the municipality for one agreement and period. */
@Entity('accountability_reports')
@Unique('uq_accountability_reports_period', ['cooperativeId', 'agreementId', 'periodFrom', 'periodThrough'])
@Check('ck_accountability_reports_status', `"status" IN ('draft', 'submitted', 'changes_requested', 'approved')`)
@Check('ck_accountability_reports_period', `"period_through" >= "period_from"`)
@Index('ix_accountability_reports_municipality', ['municipalityId', 'status'])
export class AccountabilityReport {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Cooperative;

  /** The co-finance agreement (libs/finance) the report accounts for. */
  @Column('uuid')
  agreementId: string;

  /** The agreement's municipality, whose reviewers read the report. */
  @Column('uuid')
  municipalityId: string;

  @Column('text')
  agreementReference: string;

  @Column('date')
  periodFrom: string;

  @Column('date')
  periodThrough: string;

  @Column('text')
  status: AccountabilityStatus;

  /** The newest version's number; versions count from 1. */
  @Column('integer')
  currentVersion: number;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One saved or submitted state of a report; never changed once written. */
@Entity('accountability_report_versions')
@Check('ck_accountability_report_versions_kind', `"kind" IN ('draft', 'save', 'submission')`)
@Check('ck_accountability_report_versions_version', `"version" >= 1`)
export class AccountabilityReportVersion {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryColumn('uuid')
  reportId: string;

  @PrimaryColumn('integer')
  version: number;

  @ManyToOne(() => AccountabilityReport, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'cooperative_id', referencedColumnName: 'cooperativeId' },
    { name: 'report_id', referencedColumnName: 'id' },
  ])
  report?: Relation<AccountabilityReport>;

  @Column('text')
  kind: 'draft' | 'save' | 'submission';

  /** The agreement's figures as the reviewer sees them (aggregates, small cells suppressed), taken when saved. */
  @Column('jsonb')
  figures: Record<string, unknown>;

  @Column('jsonb')
  narrative: Narrative;

  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A reviewer's comment on one version; never changed once written. */
@Entity('accountability_comments')
@Index('ix_accountability_comments_version', ['cooperativeId', 'reportId', 'version'])
export class AccountabilityComment {
  @PrimaryColumn('uuid')
  cooperativeId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  reportId: string;

  @Column('integer')
  version: number;

  @ManyToOne(() => AccountabilityReportVersion, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'cooperative_id', referencedColumnName: 'cooperativeId' },
    { name: 'report_id', referencedColumnName: 'reportId' },
    { name: 'version', referencedColumnName: 'version' },
  ])
  reportVersion?: Relation<AccountabilityReportVersion>;

  /** `comment`, or the reason given when asking for changes. */
  @Column('text')
  kind: 'comment' | 'changes_requested';

  @Column('text')
  body: string;

  @Column('uuid', { nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
