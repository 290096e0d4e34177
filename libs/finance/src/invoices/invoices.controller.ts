import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OwnTransaction, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { InvoiceCheckoutService } from '../stripe/invoice-checkout.service';
import { DonationCheckoutResponse as CheckoutResponse } from '../donations/dto/donation-checkout.dto';
import { InvoicesService } from './invoices.service';
import { InvoiceDocumentsService } from './invoice-documents.service';
import { pdfFile } from './pdf-file';
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

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('invoices')
@Controller('cooperatives/:cooperativeId')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly documents: InvoiceDocumentsService,
  ) {}

  @Get('invoices')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: InvoicePageResponse })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: InvoiceQueryDto): Promise<InvoicePageResponse> {
    const { items, total } = await this.invoices.list(asCooperativeId(cooperativeId), { ...query, ...pageOf(query) });
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

  @Get('invoices/:id/pdf')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The invoice as PDF' })
  async pdf(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const detail = await this.invoices.detail(asCooperativeId(cooperativeId), id);
    return pdfFile(await this.documents.invoicePdf(asCooperativeId(cooperativeId), detail), `factuur-${detail.invoice.number}.pdf`);
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
  constructor(
    private readonly invoices: InvoicesService,
    private readonly documents: InvoiceDocumentsService,
    private readonly checkout: InvoiceCheckoutService,
  ) {}

  @Post('invoices/:id/checkout')
  @HttpCode(200)
  @OwnTransaction()
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: CheckoutResponse, description: 'A Stripe payment page (iDEAL or card) for what is open on your invoice' })
  async pay(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<CheckoutResponse> {
    return this.checkout.checkout(actor, asCooperativeId(cooperativeId), id);
  }

  @Get('invoices')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: InvoicePageResponse, description: 'Your invoices' })
  async list(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: OwnInvoiceQueryDto): Promise<InvoicePageResponse> {
    const { items, total } = await this.invoices.own(actor, asCooperativeId(cooperativeId), { status: query.status, ...pageOf(query) });
    return { items: items.map(mapInvoice), total };
  }

  @Get('invoices/:id')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: InvoiceDetailResponse, description: 'One of your invoices' })
  async get(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<InvoiceDetailResponse> {
    return mapInvoiceDetail(await this.invoices.ownDetail(actor, asCooperativeId(cooperativeId), id));
  }

  @Get('invoices/:id/pdf')
  @RequiresPermission(Permission.SelfService)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'One of your invoices as PDF' })
  async pdf(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const detail = await this.invoices.ownDetail(actor, asCooperativeId(cooperativeId), id);
    return pdfFile(await this.documents.invoicePdf(asCooperativeId(cooperativeId), detail), `factuur-${detail.invoice.number}.pdf`);
  }

  @Get('statement')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: MemberStatementResponse, description: 'What you still owe, and any credit' })
  async statement(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string): Promise<MemberStatementResponse> {
    return mapStatement(await this.invoices.ownStatement(actor, asCooperativeId(cooperativeId)));
  }
}
