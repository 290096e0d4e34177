import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { BookBatchDto, CollectionBatchQueryDto, CollectionBatchResponse, CreateCollectionBatchDto, ExportBatchQueryDto, mapBatch } from './dto/collection-batch.dto';
import { CollectionBatchesService } from './collection-batches.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('sepa')
@Controller('cooperatives/:cooperativeId/sepa/batches')
export class CollectionBatchesController {
  constructor(private readonly batches: CollectionBatchesService) {}

  @Get()
  @RequiresPermission(Permission.SepaRead)
  @ApiOkResponse({ type: [CollectionBatchResponse], description: 'Newest first' })
  async list(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: CollectionBatchQueryDto): Promise<CollectionBatchResponse[]> {
    return (await this.batches.list(asCooperativeId(cooperativeId), query)).map(mapBatch);
  }

  @Post()
  @RequiresPermission(Permission.SepaManage)
  @ApiCreatedResponse({ type: CollectionBatchResponse, description: 'A draft with one item per open invoice of a member with a mandate' })
  async create(@CurrentActor() actor: Actor, @Param('cooperativeId', uuid) cooperativeId: string, @Body() dto: CreateCollectionBatchDto): Promise<CollectionBatchResponse> {
    return mapBatch(await this.batches.create(actor, asCooperativeId(cooperativeId), dto));
  }

  @Get(':id')
  @RequiresPermission(Permission.SepaRead)
  @ApiOkResponse({ type: CollectionBatchResponse, description: 'With its items' })
  async get(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<CollectionBatchResponse> {
    return mapBatch(await this.batches.get(asCooperativeId(cooperativeId), id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: CollectionBatchResponse, description: 'Cancelled; its invoices may go in another batch' })
  async cancel(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<CollectionBatchResponse> {
    return mapBatch(await this.batches.cancel(asCooperativeId(cooperativeId), id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresPermission(Permission.SepaManage)
  @ApiNoContentResponse({ description: 'The draft is cancelled (kept, for the audit trail)' })
  async remove(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<void> {
    await this.batches.cancel(asCooperativeId(cooperativeId), id);
  }

  @Get(':id/pain008')
  @RequiresPermission(Permission.SepaManage)
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The pain.008 file for the bank; the first download exports the batch, later ones return the same file' })
  async pain008(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Query() query: ExportBatchQueryDto): Promise<StreamableFile> {
    const file = await this.batches.export(asCooperativeId(cooperativeId), id, query.version);
    return new StreamableFile(Buffer.from(file.xml, 'utf8'), { type: 'application/xml; charset=utf-8', disposition: `attachment; filename="${file.filename}"` });
  }

  @Post(':id/book')
  @HttpCode(200)
  @RequiresPermission(Permission.SepaManage)
  @ApiOkResponse({ type: CollectionBatchResponse, description: 'Booked: every collected invoice is paid (D 1100 Bank / C 1300 Debiteuren leden)' })
  async book(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string, @Body() dto: BookBatchDto): Promise<CollectionBatchResponse> {
    return mapBatch(await this.batches.book(asCooperativeId(cooperativeId), id, dto.bookedOn));
  }
}
