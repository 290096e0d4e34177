import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { UPDATABLE_FIELDS } from '../member-list';
import { MemberImportResult } from '../member-import.service';

export class MemberImportQueryDto {
  @ApiPropertyOptional({ description: 'true: check the list and report what an import would do, writing nothing', enum: ['true', 'false'], default: 'false' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class ImportRowProblemResponse {
  @ApiProperty({ description: 'Line of the file on which the row starts; the header is row 1, so the first member is row 2', example: 14 })
  row: number;

  @ApiProperty({ description: 'The column’s header as written in the file; null when the problem is about the whole row or file', nullable: true, type: String, example: 'Postcode' })
  column: string | null;

  @ApiProperty({ description: 'What is wrong, to fix in the spreadsheet', example: "'7411 A' is not a Dutch postcode like 7411 AB" })
  problem: string;
}

/** The 422 problem document of a list with problems (nothing was imported). */
export class ImportRejectedProblem {
  @ApiProperty({ example: 'https://buurtcoop.nl/problems/import-rejected' }) type: string;
  @ApiProperty({ example: 'Unprocessable entity' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({ example: 'import_rejected' }) code: string;
  @ApiProperty({ description: 'How many rows have problems', example: '3 rows have problems; nothing was imported. Rows are lines of the file, the header being row 1.' }) detail: string;
  @ApiProperty({ type: [ImportRowProblemResponse], description: 'Every problem of every row, in file order' }) rows: ImportRowProblemResponse[];
}

export class MemberImportUpdateResponse {
  @ApiProperty({ description: 'Row of the file (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'Member number of the recognised member' }) memberNumber: number;
  @ApiProperty({ description: 'Fields the list corrects', enum: UPDATABLE_FIELDS, isArray: true }) fields: string[];
}

export class MemberImportSummaryResponse {
  @ApiProperty({ description: 'True when nothing was written' }) dryRun: boolean;
  @ApiProperty({ description: 'Members in the list (empty lines not counted)' }) rows: number;
  @ApiProperty({ description: 'How the file was read', enum: ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] }) encoding: string;
  @ApiProperty({ description: 'The delimiter found in the header', enum: [';', ',', '\t'] }) delimiter: string;
  @ApiPropertyOptional({ description: 'Dry run: members that would be enrolled' }) toCreate?: number;
  @ApiPropertyOptional({ description: 'Dry run: recognised members whose contact fields would be corrected' }) toUpdate?: number;
  @ApiPropertyOptional({ description: 'Members enrolled (without an invitation)' }) created?: number;
  @ApiPropertyOptional({ description: 'Recognised members whose contact fields were corrected' }) updated?: number;
  @ApiProperty({ description: 'Recognised members the list does not change' }) unchanged: number;
  @ApiProperty({ type: [MemberImportUpdateResponse], description: 'Which recognised members the list corrects, and which fields' }) updates: MemberImportUpdateResponse[];
  @ApiPropertyOptional({ type: [ImportRowProblemResponse], description: 'Dry run: always empty (a list with problems is answered with 422, as a real import)' })
  problems?: ImportRowProblemResponse[];
}

export function mapImportSummary(result: MemberImportResult): MemberImportSummaryResponse {
  const common = {
    rows: result.rows,
    encoding: result.encoding,
    delimiter: result.delimiter,
    unchanged: result.unchanged,
    updates: result.updates.map((u) => ({ row: u.row, memberNumber: u.memberNumber, fields: [...u.fields] })),
  };
  return result.dryRun
    ? { dryRun: true, ...common, toCreate: result.toCreate, toUpdate: result.toUpdate, problems: [] }
    : { dryRun: false, ...common, created: result.created, updated: result.updated };
}
