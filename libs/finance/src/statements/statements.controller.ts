import { Readable } from 'node:stream';
import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, Param, ParseUUIDPipe, PayloadTooLargeException, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { RouteConfig } from '@nestjs/platform-fastify';
import { Actor, CurrentActor, PageQueryDto, Permission, RequiresPermission, UPLOAD_ROUTE, ValidationFailed, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { ReconciliationService } from './reconciliation.service';
import { StatementsService } from './statements.service';
import {
  AssignLineDto,
  BankAccountResponse,
  BankStatementResponse,
  DismissLineDto,
  ImportQueryDto,
  ImportResponse,
  LineQueryDto,
  MatchLineDto,
  ReconciliationQueryDto,
  ReconciliationResponse,
  StatementLinePageResponse,
  StatementLineResponse,
  mapBankAccount,
  mapLine,
  mapStatement,
} from './dto/statement.dto';

const uuid = namedParam(new ParseUUIDPipe());
/** A year of a busy account in CAMT is a few megabytes; this leaves room without inviting abuse. */
export const STATEMENT_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

/** The uploaded file as a byte stream: the `file` field of a multipart form, or the raw request body. */
async function uploadedFile(request: FastifyRequest): Promise<{ stream: AsyncIterable<Buffer>; fileName: string | null; truncated: () => boolean }> {
  if (typeof request.isMultipart === 'function' && request.isMultipart()) {
    let part;
    try {
      part = await request.file({ limits: { fileSize: STATEMENT_UPLOAD_LIMIT_BYTES, files: 1 } });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500) throw new HttpException((error as Error).message, status);
      throw error;
    }
    if (!part) throw new ValidationFailed([{ field: 'file', messages: ['Send the bank statement in a form field named file'] }]);
    if (part.fieldname !== 'file') throw new BadRequestException(`Send the bank statement in a form field named file (got '${part.fieldname}')`);
    return { stream: part.file, fileName: part.filename || null, truncated: () => part.file.truncated };
  }
  if (Buffer.isBuffer(request.body) && request.body.length > 0) return { stream: Readable.from([request.body]), fileName: null, truncated: () => false };
  throw new ValidationFailed([{ field: 'file', messages: ['Send the bank statement (CAMT.053, MT940 or your bank’s CSV export) as the request body or in a multipart field named file'] }]);
}

@ApiTags('bank statements')
@Controller('cooperatives/:cooperativeId')
export class StatementsController {
  constructor(
    private readonly statements: StatementsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Post('bank-statements')
  @RouteConfig(UPLOAD_ROUTE)
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiConsumes('multipart/form-data', 'application/xml', 'text/plain', 'text/csv')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CAMT.053 (.001.02/.08), MT940, or the CSV export of ING, Rabobank, ABN AMRO, ASN/SNS, Knab or Triodos' } } } })
  @ApiOkResponse({
    type: ImportResponse,
    description: 'Imported (lines seen before are not added again) and matched. The same file again is answered with 200 too, `duplicate: true` and the statements of the earlier import; it creates nothing',
  })
  async import(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: ImportQueryDto, @Req() request: FastifyRequest): Promise<ImportResponse> {
    const file = await uploadedFile(request);
    const outcome = await this.statements.importAndMatch(asCooperativeId(cooperativeId), file.stream, { fileName: file.fileName, importedBy: actor.userId, accountIban: query.account });
    // The transaction rolls back with this error: a cut-off file leaves nothing behind.
    if (file.truncated()) throw new PayloadTooLargeException(`The file is larger than ${STATEMENT_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB; split it by period`);
    return {
      duplicate: outcome.duplicate,
      statements: outcome.statements.map((s) => ({ ...mapStatement(s.statement), gap: s.gap })),
      lineCount: outcome.lineCount,
      newLineCount: outcome.newLineCount,
      matched: outcome.matched,
      unmatched: outcome.unmatched,
      byKind: outcome.byKind,
    };
  }

  @Get('bank-statements')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ description: 'Imported statements, newest first' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PageQueryDto): Promise<{ items: BankStatementResponse[]; total: number }> {
    const [items, total] = await this.statements.list(asCooperativeId(cooperativeId), pageOf(query));
    return { items: items.map(mapStatement), total };
  }

  @Get('bank-statements/:id')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: BankStatementResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<BankStatementResponse> {
    return mapStatement(await this.statements.get(asCooperativeId(cooperativeId), id));
  }

  @Get('bank-accounts')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: [BankAccountResponse] })
  async accounts(@Param('cooperativeId', uuid) cooperativeId: string): Promise<BankAccountResponse[]> {
    return (await this.statements.accounts(asCooperativeId(cooperativeId))).map(mapBankAccount);
  }

  @Get('bank-accounts/:id/reconciliation')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: ReconciliationResponse, description: 'Statement balance against ledger balance at the end of the day, with the lines that explain the difference' })
  async reconcile(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Query() query: ReconciliationQueryDto): Promise<ReconciliationResponse> {
    const r = await this.statements.reconcile(asCooperativeId(cooperativeId), id, query.date);
    return { ...r, unexplainedLines: r.unexplainedLines.map((l) => mapLine(l)) };
  }

  @Get('statement-lines')
  @RequiresPermission(Permission.LedgerRead)
  @ApiOkResponse({ type: StatementLinePageResponse, description: 'Bank lines; ?status=unmatched is the worklist, with suggestions' })
  async lines(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: LineQueryDto): Promise<StatementLinePageResponse> {
    const { items, total } = await this.statements.lines(asCooperativeId(cooperativeId), { status: query.status, bankAccountId: query.bankAccountId, ...pageOf(query) });
    return { items: items.map((i) => mapLine(i.line, i.suggestions)), total };
  }

  @Post('statement-lines/:id/match')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The line pays these invoices' })
  async match(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: MatchLineDto): Promise<StatementLineResponse> {
    return mapLine(await this.reconciliation.matchToInvoices(actor, asCooperativeId(cooperativeId), id, dto.allocations));
  }

  @Post('statement-lines/:id/assign')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The line booked on a ledger account' })
  async assign(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: AssignLineDto): Promise<StatementLineResponse> {
    return mapLine(await this.reconciliation.assignToAccount(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Post('statement-lines/:id/dismiss')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The line needs no booking' })
  async dismiss(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: DismissLineDto): Promise<StatementLineResponse> {
    return mapLine(await this.reconciliation.dismiss(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }

  @Post('statement-lines/:id/undo')
  @HttpCode(200)
  @RequiresPermission(Permission.LedgerPost)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The explanation taken back with reversal entries; the line is open again' })
  async undo(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StatementLineResponse> {
    return mapLine(await this.reconciliation.undo(actor, asCooperativeId(cooperativeId), id));
  }
}
