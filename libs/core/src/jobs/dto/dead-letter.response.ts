import { ApiProperty } from '@nestjs/swagger';
import type { DeadLetter } from '../dead-letters.repository';

export class DeadLetterResponse {
  @ApiProperty({ format: 'uuid', description: 'Id of the dead letter' }) id: string;
  @ApiProperty({ description: 'The job that failed', example: 'dunning' }) name: string;
  @ApiProperty({ description: "The last attempt's error message" }) error: string;
  @ApiProperty({ description: 'How many times the job was tried' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the job was first sent (unknown for a job that timed out)' }) createdAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'When its last attempt failed' }) failedAt: string;
}

export class RetriedJobResponse {
  @ApiProperty({ format: 'uuid', description: 'Id of the dead letter that was retried' }) deadLetterId: string;
  @ApiProperty({ description: 'The job sent again', example: 'dunning' }) name: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Id of the new job' }) jobId: string | null;
}

export function mapDeadLetter(d: DeadLetter): DeadLetterResponse {
  return { id: d.id, name: d.name, error: d.error, attempts: d.attempts, createdAt: d.createdAt?.toISOString() ?? null, failedAt: d.failedAt.toISOString() };
}

export function mapRetriedJob(outcome: { deadLetter: DeadLetter; jobId: string | null }): RetriedJobResponse {
  return { deadLetterId: outcome.deadLetter.id, name: outcome.deadLetter.name, jobId: outcome.jobId };
}
