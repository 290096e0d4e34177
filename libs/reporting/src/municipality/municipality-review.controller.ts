import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OwnTransaction, Permission, RequiresPermission, asMunicipalityId } from '@buurtcoop/core';
import { AgreementFiguresResponse, FiguresQueryDto, mapAgreementFigures } from './dto/agreement-figures.dto';
import { MunicipalityReviewService } from './municipality-review.service';

const uuid = new ParseUUIDPipe();

@ApiTags('municipalities')
@Controller('municipalities/:municipalityId')
export class MunicipalityReviewController {
  constructor(private readonly review: MunicipalityReviewService) {}

  @Get('agreements/:agreementId/figures')
  @RequiresPermission(Permission.MunicipalityRead)
  // Finds the agreement's cooperative, then reads as that cooperative, in transactions of its own.
  @OwnTransaction()
  @ApiOkResponse({ type: AgreementFiguresResponse, description: 'Budget against spending, matching, and outputs against targets of one agreement, in aggregate with small cells suppressed' })
  async figures(@Param('municipalityId', uuid) municipalityId: string, @Param('agreementId', uuid) agreementId: string, @Query() query: FiguresQueryDto): Promise<AgreementFiguresResponse> {
    return mapAgreementFigures(await this.review.forReviewer(asMunicipalityId(municipalityId), agreementId, query));
  }
}
