import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, PageQueryDto, Permission, RequiresPermission, asCooperativeId, pageOf, namedParam } from '@buurtcoop/core';
import { pdfFile } from '../invoices/pdf-file';
import { DunningService } from './dunning.service';
import { DunningOutcomeResponse, PaymentNoticePageResponse, PaymentNoticeQueryDto, mapNotice, mapOutcome } from './dto/payment-notice.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('invoices')
@Controller('cooperatives/:cooperativeId')
export class DunningController {
  constructor(private readonly dunning: DunningService) {}

  @Post('dunning/run')
  @HttpCode(200)
  @RequiresPermission(Permission.InvoiceManage)
  @ApiOkResponse({ type: DunningOutcomeResponse, description: 'Today’s dunning, now (the worker also runs it daily); running it again sends nothing twice' })
  async run(@Param('cooperativeId', uuid) cooperativeId: string): Promise<DunningOutcomeResponse> {
    return mapOutcome(await this.dunning.run(asCooperativeId(cooperativeId)));
  }

  @Get('payment-notices')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiOkResponse({ type: PaymentNoticePageResponse, description: 'Reminders and 14-day letters sent' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PaymentNoticeQueryDto): Promise<PaymentNoticePageResponse> {
    const [items, total] = await this.dunning.list(asCooperativeId(cooperativeId), { memberId: query.memberId, stage: query.stage, ...pageOf(query) });
    return { items: items.map(mapNotice), total };
  }

  @Get('payment-notices/:id/pdf')
  @RequiresPermission(Permission.InvoiceRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter as PDF, as it was sent' })
  async pdf(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { notice, pdf } = await this.dunning.pdf(asCooperativeId(cooperativeId), id);
    return pdfFile(pdf, `${notice.stage === 'reminder' ? 'herinnering' : 'aanmaning'}-${notice.sentOn}.pdf`);
  }

  @Get('me/payment-notices')
  @RequiresPermission(Permission.SelfService)
  @ApiOkResponse({ type: PaymentNoticePageResponse, description: 'Your reminders and 14-day letters' })
  async own(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Query() query: PageQueryDto): Promise<PaymentNoticePageResponse> {
    const [items, total] = await this.dunning.own(actor, asCooperativeId(cooperativeId), pageOf(query));
    return { items: items.map(mapNotice), total };
  }

  @Get('me/payment-notices/:id/pdf')
  @RequiresPermission(Permission.SelfService)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'One of your letters as PDF' })
  async ownPdf(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { notice, pdf } = await this.dunning.pdf(asCooperativeId(cooperativeId), id, actor);
    return pdfFile(pdf, `${notice.stage === 'reminder' ? 'herinnering' : 'aanmaning'}-${notice.sentOn}.pdf`);
  }
}
