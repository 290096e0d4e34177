import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { pdfFile } from '../invoices/pdf-file';
import { SponsorImpactQueryDto, SponsorImpactResponse, mapSponsorImpact } from './dto/sponsor-impact.dto';
import { SponsorImpactService } from './sponsor-impact.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class SponsorImpactController {
  constructor(private readonly impact: SponsorImpactService) {}

  @Get('sponsor-impact')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: SponsorImpactResponse, description: 'Hours delivered and households helped in the area, small numbers hidden' })
  async statement(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: SponsorImpactQueryDto): Promise<SponsorImpactResponse> {
    return mapSponsorImpact(await this.impact.statement(asCooperativeId(cooperativeId), query));
  }

  @Get('sponsor-impact.pdf')
  @RequiresPermission(Permission.FundingRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The same statement as a one-page PDF for the sponsor' })
  async pdf(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: SponsorImpactQueryDto): Promise<StreamableFile> {
    return pdfFile(await this.impact.pdf(asCooperativeId(cooperativeId), query), `impact-${query.from}-${query.through}.pdf`);
  }
}
