import { Command, CommandRunner } from 'nest-commander';
import { DeadLettersService, JobQueue, UnitOfWork } from '@buurtcoop/core';
import { UsageError } from './tenancy.commands';

@Command({ name: 'jobs:dead-letters', description: 'List every job that failed all its attempts, of every cooperative and of the platform itself' })
export class JobsDeadLettersCommand extends CommandRunner {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async run(): Promise<void> {
    const letters = await this.uow.run({ as: 'owner' }, () => this.deadLetters.listPlatformWide());
    if (letters.length === 0) {
      process.stdout.write('No dead letters.\n');
      return;
    }
    for (const d of letters) {
      const cooperative = typeof d.data.cooperativeId === 'string' ? d.data.cooperativeId : 'platform';
      process.stdout.write(`${d.failedAt.toISOString()}  ${d.name}  ${cooperative}  ${d.attempts} attempt(s)  ${d.id}\n    ${d.error}\n`);
    }
  }
}

@Command({ name: 'jobs:run', arguments: '[name]', description: 'Run one job (or, without a name, every scheduled job) once now, in this process' })
export class JobsRunCommand extends CommandRunner {
  constructor(private readonly jobs: JobQueue) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    if (name === undefined) {
      await this.jobs.runAll();
      process.stdout.write(`Ran ${this.jobs.scheduledNames.join(', ')}.\n`);
      return;
    }
    if (!this.jobs.names.includes(name)) throw new UsageError(`No job is named '${name}'; the jobs are ${this.jobs.names.join(', ')}`);
    const outcome = await this.jobs.runNow(name);
    process.stdout.write(`${name}: ${outcome || 'nothing to do'}\n`);
  }
}
