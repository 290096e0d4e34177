import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, RequiresPermission, asCooperativeId, namedParam } from '@buurtcoop/core';
import { FundingSchedule } from './funding-schedule.service';
import { DeadlinesQueryDto, FundingDeadlineResponse, mapDeadline } from './dto/funding-schedule.dto';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('funding')
@Controller('cooperatives/:cooperativeId')
export class FundingController {
  constructor(private readonly schedule: FundingSchedule) {}

  @Get('funding-deadlines')
  @RequiresPermission(Permission.FundingRead)
  @ApiOkResponse({ type: [FundingDeadlineResponse], description: 'Reports owed to foundations and the municipality, not yet submitted, due on or before `before`' })
  async deadlines(@Param('cooperativeId', uuid) cooperativeId: string, @Query() query: DeadlinesQueryDto): Promise<FundingDeadlineResponse[]> {
    return (await this.schedule.deadlines(asCooperativeId(cooperativeId), query.before)).map(mapDeadline);
  }
}
