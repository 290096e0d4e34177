import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CooperativeId } from '../tenancy/ids';
import { DeadLetter, DeadLettersRepository } from './dead-letters.repository';
import { JobQueue } from './job-queue';
import { JobsError, JobsErrorCode } from './jobs.errors';

/** Jobs that failed every attempt: the board sees its cooperative's and sends them again once the cause is fixed. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly deadLetters: DeadLettersRepository,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  list(cooperativeId: CooperativeId): Promise<DeadLetter[]> {
    return this.deadLetters.list(cooperativeId);
  }

  listPlatformWide(): Promise<DeadLetter[]> {
    return this.deadLetters.listPlatformWide();
  }

  /** Sends the job again with the same data, in this transaction, and takes the dead letter off the list. */
  async retry(cooperativeId: CooperativeId, id: string): Promise<{ deadLetter: DeadLetter; jobId: string | null }> {
    const deadLetter = await this.deadLetters.claim(cooperativeId, id);
    if (!deadLetter) {
      if (await this.deadLetters.wasRetried(cooperativeId, id)) throw new JobsError(JobsErrorCode.DeadLetterRetried, `Dead letter ${id} was already retried`, 'id');
      throw new JobsError(JobsErrorCode.DeadLetterNotFound, `Dead letter ${id} was not found`, 'id');
    }
    const jobId = await this.jobs.send(deadLetter.name, deadLetter.data);
    await this.deadLetters.markRetriedAs(cooperativeId, id, jobId);
    await this.audit.record({ action: 'job.dead_letter.retried', objectType: 'job', objectId: id, details: { job: deadLetter.name, error: deadLetter.error, newJobId: jobId } });
    return { deadLetter, jobId };
  }
}
