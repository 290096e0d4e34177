import { Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '../auth/auth.decorators';
import { Permission } from '../auth/permissions';
import { asCooperativeId } from '../tenancy/ids';
import { DeadLettersService } from './dead-letters.service';
import { DeadLetterResponse, RetriedJobResponse, mapDeadLetter, mapRetriedJob } from './dto/dead-letter.response';
import { namedParam } from '../errors/validation';

const uuid = namedParam(new ParseUUIDPipe());

@ApiTags('jobs')
@Controller('cooperatives/:cooperativeId/jobs/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @RequiresPermission(Permission.JobsManage)
  @ApiOkResponse({ type: [DeadLetterResponse], description: "The cooperative's jobs that failed every attempt, newest first" })
  async list(@Param('cooperativeId', uuid) cooperativeId: string): Promise<DeadLetterResponse[]> {
    return (await this.deadLetters.list(asCooperativeId(cooperativeId))).map(mapDeadLetter);
  }

  @Post(':id/retry')
  @RequiresPermission(Permission.JobsManage)
  @ApiCreatedResponse({ type: RetriedJobResponse, description: 'The job was sent again' })
  async retry(@Param('cooperativeId', uuid) cooperativeId: string, @Param('id', uuid) id: string): Promise<RetriedJobResponse> {
    return mapRetriedJob(await this.deadLetters.retry(asCooperativeId(cooperativeId), id));
  }
}
