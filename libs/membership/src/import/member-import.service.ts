import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId, CsvDelimiter, CsvEncoding, parseCsv } from '@buurtcoop/core';
import { MembershipError, MembershipErrorCode } from '../membership.errors';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { MemberEnrolmentService } from '../members/member-enrolment.service';
import { MembersRepository } from '../members/members.repository';
import { todayInNetherlands } from '../members/notice';
import { ImportProblem, RowPlan, UpdatableField, matchRegister, readMemberList } from './member-list';

export interface MemberImportOptions {
  /** Check the list and count what would happen, writing nothing. */
  dryRun: boolean;
  /** The user who imports; null from the command line. */
  recordedBy: string | null;
  /** Called after every 100 rows and after the last one. */
  onProgress?: (done: number, total: number) => void;
}

export interface MemberImportUpdate {
  row: number;
  memberNumber: number;
  fields: UpdatableField[];
}

interface ImportRead {
  rows: number;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  unchanged: number;
  /** Recognised members whose contact fields the list corrects. */
  updates: MemberImportUpdate[];
}

export type MemberImportResult =
  | (ImportRead & { dryRun: true; toCreate: number; toUpdate: number; problems: [] })
  | (ImportRead & { dryRun: false; created: number; updated: number });

const PROGRESS_EVERY = 100;

/**
 * Imports the board's existing member list (CSV) into the register, in the caller's transaction.
 * Every row is checked before anything is written: a list with any problem imports nothing. A row is
 * recognised by e-mail or member number; a recognised member is left alone, or gets the contact
 * fields the list corrects; anyone else is enrolled silently (no invitation).
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly members: MembersRepository,
    private readonly types: MembershipTypesRepository,
    private readonly enrolment: MemberEnrolmentService,
    private readonly audit: AuditService,
  ) {}

  async import(cooperativeId: CooperativeId, csv: Uint8Array, options: MemberImportOptions): Promise<MemberImportResult> {
    const { plans, encoding, delimiter } = await this.plan(cooperativeId, csv);
    const counts: Record<RowPlan['action'], number> = { create: 0, update: 0, unchanged: 0 };
    const updates: MemberImportUpdate[] = [];
    if (!options.dryRun) {
      // Numbers from the list are kept; reserving the highest first keeps rows without one from taking them.
      const highest = plans.reduce((max, p) => (p.action === 'create' && p.row.memberNumber !== null ? Math.max(max, p.row.memberNumber) : max), 0);
      if (highest > 0) await this.members.reserveMemberNumber(cooperativeId, highest);
    }
    for (const [index, plan] of plans.entries()) {
      counts[plan.action]++;
      if (plan.action === 'update') updates.push({ row: plan.row.row, memberNumber: plan.member.memberNumber, fields: plan.fields });
      if (!options.dryRun) await this.apply(cooperativeId, plan, options.recordedBy);
      if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === plans.length) options.onProgress?.(index + 1, plans.length);
    }
    const read: ImportRead = { rows: plans.length, encoding, delimiter, unchanged: counts.unchanged, updates };
    const result: MemberImportResult = options.dryRun
      ? { dryRun: true, ...read, toCreate: counts.create, toUpdate: counts.update, problems: [] }
      : { dryRun: false, ...read, created: counts.create, updated: counts.update };
    // Counts only: the list itself is personal data.
    await this.audit.record({
      action: 'member.import',
      objectType: 'cooperative',
      objectId: cooperativeId,
      details: { dryRun: options.dryRun, rows: plans.length, create: counts.create, update: counts.update, unchanged: counts.unchanged },
    });
    return result;
  }

  /** Reads, validates and matches the whole list; throws with every problem when there is any. */
  private async plan(cooperativeId: CooperativeId, csv: Uint8Array): Promise<{ plans: RowPlan[]; encoding: CsvEncoding; delimiter: CsvDelimiter }> {
    const document = parseCsv(csv);
    const list = readMemberList(document.records, { membershipTypes: await this.types.list(cooperativeId), today: todayInNetherlands() });
    const emails = list.rows.flatMap((r) => (r.email ? [r.email] : []));
    const numbers = list.rows.flatMap((r) => (r.memberNumber !== null ? [r.memberNumber] : []));
    // One query for the whole list, however long.
    const register = await this.members.findForMatching(cooperativeId, emails, numbers);
    const matched = matchRegister(list.rows, register, list.headers);
    const problems = [...document.errors.map((e) => ({ row: e.line, column: null, problem: e.message })), ...list.problems, ...matched.problems];
    if (problems.length > 0) throw rejected(problems);
    return { plans: matched.plans, encoding: document.encoding, delimiter: document.delimiter };
  }

  private async apply(cooperativeId: CooperativeId, plan: RowPlan, recordedBy: string | null): Promise<void> {
    if (plan.action === 'update') {
      await this.members.update(cooperativeId, plan.member.id, plan.patch);
    } else if (plan.action === 'create') {
      const { row } = plan;
      await this.enrolment.enrol(
        cooperativeId,
        {
          membershipTypeId: row.membershipTypeId,
          role: row.role,
          firstName: row.firstName,
          lastName: row.lastName,
          organisationName: row.organisationName,
          email: row.email,
          phone: row.phone,
          street: row.street,
          houseNumber: row.houseNumber,
          postcode: row.postcode,
          city: row.city,
          dateOfBirth: row.dateOfBirth,
          language: 'nl',
          householdPersons: [],
          memberNumber: row.memberNumber ?? undefined,
          joinedOn: row.joinedOn ?? undefined,
          invite: false,
        },
        recordedBy,
      );
    }
  }
}

function rejected(problems: ImportProblem[]): MembershipError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((p) => p.row)).size;
  return new MembershipError(
    MembershipErrorCode.ImportRejected,
    `${rows === 1 ? '1 row has' : `${rows} rows have`} problems; nothing was imported. Rows are lines of the file, the header being row 1.`,
    undefined,
    { rows: sorted },
  );
}
