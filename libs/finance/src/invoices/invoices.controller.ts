import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId } from '@buurtcoop/core';
import { InvoicesService } from './invoices.service';
import {
  CancelInvoiceDto,
  CreateInvoiceDto,
  InvoiceDetailResponse,
  InvoicePageResponse,
  InvoiceQueryDto,
  MemberStatementResponse,
  OwnInvoiceQueryDto,
  RecordPaymentDto,
  mapInvoice,
  mapInvoiceDetail,
  mapStatement,
} from './dto/invoice.dto';

const uuid = new ParseUUIDPipe();
const page = (q: { page?: number; pageSize?: number }) => ({ page: q.page ?? 1, pageSize: q.pageSize ?? 25 });

@ApiTags('invoices')
@Controller('cooperatives/:cooperativeId')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get('invoices')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: InvoicePageResponse })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: InvoiceQueryDto): Promise<InvoicePageResponse> {
    const { items, total } = await this.invoices.list(asCooperativeId(cooperativeId), { ...query, ...page(query) });
    return { items: items.map(mapInvoice), total };
  }

  @Post('invoices')
  @RequiresPermission(Permission.InvoiceManage)
  @ApiCreatedResponse({ type: InvoiceDetailResponse })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateInvoiceDto): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.createManual(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get('invoices/:id')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: InvoiceDetailResponse })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.detail(asCooperativeId(cooperativeId), id));
  }

  @Post('invoices/:id/cancel')
  @HttpCode(200)
  @RequiresPermission(Permission.InvoiceManage)
  @ApiOkResponse({ type: InvoiceDetailResponse, description: 'Cancelled; its ledger entry is reversed' })
  async cancel(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: CancelInvoiceDto): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.cancel(actor, asCooperativeId(cooperativeId), id, dto.reason));
  }

  @Post('invoices/:id/payments')
  @HttpCode(200)
  @RequiresPermission(Permission.InvoiceManage)
  @ApiOkResponse({ type: InvoiceDetailResponse, description: 'A bank transfer booked on the invoice (the same key again changes nothing)' })
  async pay(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: RecordPaymentDto): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.recordBankTransfer(actor, asCooperativeId(cooperativeId), id, dto));
  }

  @Get('members/:memberId/statement')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: MemberStatementResponse, description: 'Open items and credit of one member' })
  async statement(@Param('cooperativeId', uuid) cooperativeId: string, @Param('memberId', uuid) memberId: string): Promise<MemberStatementResponse> {
    return mapStatement(await this.invoices.statement(asCooperativeId(cooperativeId), memberId));
  }
}

@ApiTags('invoices')
@Controller('cooperatives/:cooperativeId/me')
export class OwnInvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get('invoices')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: InvoicePageResponse, description: 'Your invoices' })
  async list(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: OwnInvoiceQueryDto): Promise<InvoicePageResponse> {
    const { items, total } = await this.invoices.own(actor, asCooperativeId(cooperativeId), { status: query.status, ...page(query) });
    return { items: items.map(mapInvoice), total };
  }

  @Get('invoices/:id')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: InvoiceDetailResponse, description: 'One of your invoices' })
  async get(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.ownDetail(actor, asCooperativeId(cooperativeId), id));
  }

  @Get('statement')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: MemberStatementResponse, description: 'What you still owe, and any credit' })
  async statement(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<MemberStatementResponse> {
    return mapStatement(await this.invoices.ownStatement(actor, asCooperativeId(cooperativeId)));
  }
}
