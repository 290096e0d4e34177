import { Injectable } from '@nestjs/common';
import { Actor, AuditService, Clock, CooperativeId, MunicipalityId, TenancyService, UnitOfWork, dutchDate } from '@buurtcoop/core';
import { AgreementsService } from '@buurtcoop/finance';
import { mapAgreementFigures } from '../municipality/dto/agreement-figures.dto';
import { MunicipalCooperatives } from '../municipality/municipal-cooperatives';
import { MunicipalityReviewService } from '../municipality/municipality-review.service';
import { ReportTable } from '../report-table';
import { renderAccountabilityPdf } from './accountability-pdf';
import { AccountabilityError, AccountabilityErrorCode } from './accountability.errors';
import { AccountabilityRepository } from './accountability.repository';
import { VersionComparison, compareVersions } from './compare';
import { AccountabilityComment, AccountabilityReport, AccountabilityReportVersion, AccountabilityStatus, NARRATIVE_SECTIONS, Narrative } from './entities/accountability-report.entity';

export interface ReportDetail {
  report: AccountabilityReport;
  versions: AccountabilityReportVersion[];
  comments: AccountabilityComment[];
}

export interface AccountabilityDocumentInput {
  kind: string;
  name: string;
  reference: string;
}

/** What a reviewer may list: everything the board has handed in at least once. */
const REVIEWABLE: AccountabilityStatus[] = ['submitted', 'changes_requested', 'approved'];
const EDITABLE: AccountabilityStatus[] = ['draft', 'changes_requested'];
const EMPTY_NARRATIVE: Narrative = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, ''])) as Narrative;

/**
 * The verantwoording: the board drafts it for an agreement and period, with the figures filled in from the data and
 * narrative sections; every save and submission is a new version. The municipality's reviewer comments, asks for
 * changes or approves, and records the settlement (vaststelling), which the agreement books in finance.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly reports: AccountabilityRepository,
    private readonly review: MunicipalityReviewService,
    private readonly agreements: AgreementsService,
    private readonly cooperatives: MunicipalCooperatives,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tenancy: TenancyService,
  ) {}

  // ---- board ----

  async create(actor: Pick<Actor, 'userId'>, cooperativeId: CooperativeId, agreementId: string, period: { from: string; through: string }): Promise<ReportDetail> {
    const figures = await this.snapshot(cooperativeId, agreementId, period);
    const agreement = await this.agreements.get(cooperativeId, agreementId);
    const report = await this.reports.insert(cooperativeId, { agreementId, municipalityId: agreement.municipalityId, agreementReference: agreement.reference, periodFrom: period.from, periodThrough: period.through, createdBy: actor.userId });
    if (!report) throw new AccountabilityError(AccountabilityErrorCode.Exists, `A report for ${agreement.reference} over ${period.from} – ${period.through} already exists`, 'from');
    await this.reports.insertVersion(cooperativeId, report.id, 1, { kind: 'draft', figures, narrative: EMPTY_NARRATIVE, authorUserId: actor.userId });
    await this.audit.record({ action: 'accountability.create', objectType: 'accountability_report', objectId: report.id, details: { agreementId, from: period.from, through: period.through } });
    return this.detail(cooperativeId, agreementId, report.id);
  }

  async list(cooperativeId: CooperativeId, agreementId: string): Promise<AccountabilityReport[]> {
    await this.agreements.get(cooperativeId, agreementId);
    return this.reports.list(cooperativeId, { agreementId });
  }

  /** A new version with the sections given (the others as they were) and the figures taken afresh. */
  async save(actor: Pick<Actor, 'userId'>, cooperativeId: CooperativeId, agreementId: string, id: string, sections: Partial<Narrative>): Promise<ReportDetail> {
    const report = await this.get(cooperativeId, agreementId, id);
    const version = await this.reports.transition(cooperativeId, id, EDITABLE, report.status, true);
    if (version === null) throw this.wrongState(await this.get(cooperativeId, agreementId, id), 'save the report');
    const narrative = { ...(await this.reports.latestNarrative(cooperativeId, id)), ...sections };
    const figures = await this.snapshot(cooperativeId, agreementId, { from: report.periodFrom, through: report.periodThrough });
    await this.reports.insertVersion(cooperativeId, id, version, { kind: 'save', figures, narrative, authorUserId: actor.userId });
    await this.audit.record({ action: 'accountability.save', objectType: 'accountability_report', objectId: id, details: { version, sections: Object.keys(sections) } });
    return this.detail(cooperativeId, agreementId, id);
  }

  /**
   * Submits the newest narrative with the figures taken afresh, and the agreement's accountability when the
   * agreement is not there yet (with the documents its tier needs).
   */
  async submit(actor: Pick<Actor, 'userId'>, cooperativeId: CooperativeId, agreementId: string, id: string, documents: AccountabilityDocumentInput[]): Promise<ReportDetail> {
    const report = await this.get(cooperativeId, agreementId, id);
    const narrative = await this.reports.latestNarrative(cooperativeId, id);
    if (EDITABLE.includes(report.status) && !narrative.samenvatting.trim()) {
      throw new AccountabilityError(AccountabilityErrorCode.NarrativeMissing, 'sections.samenvatting: a report is submitted with a summary; save one first', 'sections.samenvatting');
    }
    const version = await this.reports.transition(cooperativeId, id, EDITABLE, 'submitted', true);
    if (version === null) throw this.wrongState(await this.get(cooperativeId, agreementId, id), 'submit the report');
    const figures = await this.snapshot(cooperativeId, agreementId, { from: report.periodFrom, through: report.periodThrough });
    await this.reports.insertVersion(cooperativeId, id, version, { kind: 'submission', figures, narrative, authorUserId: actor.userId });
    const agreement = await this.agreements.get(cooperativeId, agreementId);
    if (agreement.status === 'granted' || agreement.status === 'advances_paid') {
      await this.agreements.submitAccountability(cooperativeId, agreementId, { submittedOn: dutchDate(this.clock.now()), documents });
    }
    await this.audit.record({ action: 'accountability.submit', objectType: 'accountability_report', objectId: id, details: { version, documents: documents.map((d) => d.kind) } });
    return this.detail(cooperativeId, agreementId, id);
  }

  async detail(cooperativeId: CooperativeId, agreementId: string | null, id: string): Promise<ReportDetail> {
    const report = await this.get(cooperativeId, agreementId, id);
    return { report, versions: await this.reports.versions(cooperativeId, id), comments: await this.reports.comments(cooperativeId, id) };
  }

  async version(cooperativeId: CooperativeId, agreementId: string | null, id: string, version: number): Promise<{ report: AccountabilityReport; version: AccountabilityReportVersion }> {
    const report = await this.get(cooperativeId, agreementId, id);
    const found = await this.reports.version(cooperativeId, id, version);
    if (!found) throw new AccountabilityError(AccountabilityErrorCode.VersionNotFound, `Version ${version} of the report was not found`, 'version');
    return { report, version: found };
  }

  async compare(cooperativeId: CooperativeId, agreementId: string, id: string, from: number, to: number): Promise<VersionComparison> {
    const older = await this.version(cooperativeId, agreementId, id, from);
    const newer = await this.version(cooperativeId, agreementId, id, to);
    return compareVersions(older.version, newer.version);
  }

  /** One version as a PDF with its narrative, two charts and the figures' tables. */
  async pdf(cooperativeId: CooperativeId, agreementId: string | null, id: string, n: number): Promise<{ file: Buffer; fileName: string }> {
    const { report, version } = await this.version(cooperativeId, agreementId, id, n);
    const cooperative = await this.tenancy.getCooperative(cooperativeId);
    const file = await renderAccountabilityPdf({
      cooperativeName: cooperative.name,
      agreementReference: report.agreementReference,
      periodFrom: report.periodFrom,
      periodThrough: report.periodThrough,
      version: version.version,
      status: version.kind === 'submission' ? 'ingediend' : 'concept',
      createdOn: dutchDate(version.createdAt),
      narrative: version.narrative,
      tables: (version.figures.tables ?? []) as ReportTable[],
    });
    return { file, fileName: `verantwoording-${report.agreementReference}-v${version.version}.pdf` };
  }

  // ---- municipality reviewer ----

  /** The reports handed in by the municipality's cooperatives; the listing is audit-logged per cooperative. */
  async forMunicipality(municipalityId: MunicipalityId): Promise<AccountabilityReport[]> {
    const result: AccountabilityReport[] = [];
    for (const cooperativeId of await this.cooperatives.ids(municipalityId)) {
      result.push(
        ...(await this.uow.run({ cooperativeId }, async () => {
          const reports = (await this.reports.list(cooperativeId, { statuses: REVIEWABLE })).filter((r) => r.municipalityId === municipalityId);
          await this.audit.record({ action: 'accountability.reviewer.list', objectType: 'municipality', objectId: municipalityId, details: { reports: reports.length } });
          return reports;
        })),
      );
    }
    return result;
  }

  /** Runs `work` as the cooperative holding the municipality's handed-in report; an audit row names the access. */
  async asReviewer<T>(municipalityId: MunicipalityId, id: string, action: string, work: (cooperativeId: CooperativeId, report: AccountabilityReport) => Promise<T>, details: Record<string, unknown> = {}): Promise<T> {
    const cooperativeId = await this.cooperatives.find(municipalityId, async (c) => {
      const report = await this.reports.get(c, id);
      return !!report && report.municipalityId === municipalityId && REVIEWABLE.includes(report.status);
    });
    if (!cooperativeId) throw new AccountabilityError(AccountabilityErrorCode.NotFound, 'Accountability report was not found');
    return this.uow.run({ cooperativeId }, async () => {
      const report = (await this.reports.get(cooperativeId, id)) as AccountabilityReport;
      const result = await work(cooperativeId, report);
      await this.audit.record({ action, objectType: 'accountability_report', objectId: id, details: { municipalityId, ...details } });
      return result;
    });
  }

  comment(actor: Actor, municipalityId: MunicipalityId, id: string, input: { version: number; body: string }): Promise<ReportDetail> {
    return this.asReviewer(municipalityId, id, 'accountability.reviewer.comment', async (cooperativeId, report) => {
      await this.version(cooperativeId, null, id, input.version);
      await this.reports.insertComment(cooperativeId, { reportId: id, version: input.version, kind: 'comment', body: input.body, authorUserId: actor.userId });
      return this.detail(cooperativeId, null, report.id);
    }, { version: input.version });
  }

  requestChanges(actor: Actor, municipalityId: MunicipalityId, id: string, input: { reason: string }): Promise<ReportDetail> {
    return this.asReviewer(municipalityId, id, 'accountability.reviewer.request_changes', async (cooperativeId, report) => {
      const version = await this.reports.transition(cooperativeId, id, ['submitted'], 'changes_requested', false);
      if (version === null) throw this.wrongState(report, 'ask for changes');
      await this.reports.insertComment(cooperativeId, { reportId: id, version, kind: 'changes_requested', body: input.reason, authorUserId: actor.userId });
      return this.detail(cooperativeId, null, id);
    });
  }

  /** Approves the submitted version and starts the agreement's review when it is not yet started. */
  approve(actor: Actor, municipalityId: MunicipalityId, id: string): Promise<ReportDetail> {
    return this.asReviewer(municipalityId, id, 'accountability.reviewer.approve', async (cooperativeId, report) => {
      // Two racing approvals both read 'submitted'; only the UPDATE that matched goes on to the agreement.
      if ((await this.reports.transition(cooperativeId, id, ['submitted'], 'approved', false)) === null) throw this.wrongState(await this.fresh(cooperativeId, report), 'approve');
      const agreement = await this.agreements.get(cooperativeId, report.agreementId);
      if (agreement.status === 'accountability_submitted') await this.agreements.startReview({ userId: actor.userId }, cooperativeId, report.agreementId, dutchDate(this.clock.now()));
      return this.detail(cooperativeId, null, id);
    });
  }

  /** The vaststelling of an approved report: the agreement settles, and finance books what is repayable or still due. */
  settle(actor: Actor, municipalityId: MunicipalityId, id: string, input: { settledCents: number; reason?: string; settledOn?: string }) {
    return this.asReviewer(municipalityId, id, 'accountability.reviewer.settle', async (cooperativeId, report) => {
      if (report.status !== 'approved') throw this.wrongState(report, 'record the settlement');
      const detail = await this.agreements.settle(actor, cooperativeId, report.agreementId, { settledCents: input.settledCents, settledOn: input.settledOn ?? dutchDate(this.clock.now()), reason: input.reason });
      return { report, agreement: detail.agreement };
    }, { settledCents: input.settledCents });
  }

  // ---- shared ----

  private async get(cooperativeId: CooperativeId, agreementId: string | null, id: string): Promise<AccountabilityReport> {
    const report = await this.reports.get(cooperativeId, id);
    if (!report || (agreementId !== null && report.agreementId !== agreementId)) throw new AccountabilityError(AccountabilityErrorCode.NotFound, 'Accountability report was not found');
    return report;
  }

  private async fresh(cooperativeId: CooperativeId, report: AccountabilityReport): Promise<AccountabilityReport> {
    return (await this.reports.get(cooperativeId, report.id)) ?? report;
  }

  private wrongState(report: AccountabilityReport, action: string): AccountabilityError {
    return new AccountabilityError(AccountabilityErrorCode.WrongState, `Cannot ${action}: the report is ${report.status}`, 'status');
  }

  /** The figures as the reviewer receives them: aggregates only, small cells suppressed. */
  private async snapshot(cooperativeId: CooperativeId, agreementId: string, period: { from: string; through: string }): Promise<Record<string, unknown>> {
    return JSON.parse(JSON.stringify(mapAgreementFigures(await this.review.figures(cooperativeId, agreementId, period)))) as Record<string, unknown>;
  }
}
