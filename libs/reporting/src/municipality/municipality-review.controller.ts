import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OwnTransaction, Permission, RequiresPermission, asMunicipalityId, namedParam } from '@buurtcoop/core';
import { reportResponse } from '../exports/report-export';
import { AgreementFiguresResponse, FiguresQueryDto, mapAgreementFigures } from './dto/agreement-figures.dto';
import { MunicipalityReviewService } from './municipality-review.service';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('municipalities')
@Controller('municipalities/:municipalityId')
export class MunicipalityReviewController {
  constructor(private readonly review: MunicipalityReviewService) {}

  @Get('agreements/:agreementId/figures')
  @RequiresPermission(Permission.MunicipalityRead)
  // Finds the agreement's cooperative, then reads as that cooperative, in transactions of its own.
  @OwnTransaction()
  @ApiOkResponse({ type: AgreementFiguresResponse, description: 'Budget against spending, matching, and outputs against targets of one agreement, in aggregate with small cells suppressed; ?format=csv|xlsx downloads the same figures as tables' })
  async figures(@Param('municipalityId', uuid) municipalityId: string, @Param('agreementId', uuid) agreementId: string, @Query() query: FiguresQueryDto): Promise<AgreementFiguresResponse | StreamableFile> {
    const figures = await this.review.forReviewer(asMunicipalityId(municipalityId), agreementId, { from: query.from, through: query.through });
    return reportResponse(query.format, `cofinanciering-${figures.agreement.reference}-${figures.from}-${figures.through}`, mapAgreementFigures(figures), () => figures.tables);
  }
}
