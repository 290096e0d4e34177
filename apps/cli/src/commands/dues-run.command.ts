import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { TenancyService, asCooperativeId, formatEuro, isCalendarDate } from '@buurtcoop/core';
import { DuesService, parseBillingPeriod } from '@buurtcoop/finance';
import { UsageError } from './tenancy.commands';

@Command({
  name: 'dues:run',
  description: 'Invoice the dues of a period (2027, 2027-Q2 or 2027-04) for every member who owes them; running it again finishes a run that stopped and adds nothing else',
})
export class DuesRunCommand extends CommandRunner {
  constructor(
    private readonly dues: DuesService,
    private readonly tenancy: TenancyService,
  ) {
    super();
  }

  async run(_: string[], options: { cooperative?: string; period?: string; issueDate?: string; dueDate?: string }): Promise<void> {
    if (!options.cooperative?.trim()) throw new UsageError('--cooperative is required');
    if (!options.period || !parseBillingPeriod(options.period)) throw new UsageError('--period must be a year (2027), a quarter (2027-Q2) or a month (2027-04)');
    for (const [flag, value] of [['--issue-date', options.issueDate], ['--due-date', options.dueDate]] as const) {
      if (value !== undefined && !isCalendarDate(value)) throw new UsageError(`${flag} must be a date like 2027-01-04`);
    }
    const cooperative = await this.tenancy.requireCooperativeBySlug(options.cooperative.trim());
    // The bar goes to stderr, so the summary on stdout can be read by a script.
    const bar = new SingleBar({ format: 'Contributie {period} [{bar}] {value}/{total} facturen', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 });
    let started = false;
    const outcome = await this.dues
      .run(asCooperativeId(cooperative.id), { period: options.period, issueDate: options.issueDate, dueDate: options.dueDate }, null, ({ done, total }) => {
        if (!started && total > 0) {
          bar.start(total, 0, { period: options.period });
          started = true;
        }
        if (started) bar.update(done);
      })
      // A running bar keeps a timer, and with it the process, alive.
      .finally(() => started && bar.stop());
    const run = outcome.run;
    process.stdout.write(
      `${cooperative.name}, contributie ${run.period}: ${outcome.issued} invoice(s) issued now${outcome.resumed ? ' (an unfinished run was resumed)' : ''}; ` +
        `the run holds ${run.invoiceCount} invoice(s), ${formatEuro(run.totalCents)}, issued ${run.issueDate}, due ${run.dueDate}.\n`,
    );
  }

  @Option({ flags: '--cooperative <slug>', description: 'Slug of the cooperative, e.g. rivierenwijk', required: true })
  parseCooperative(value: string): string {
    return value;
  }

  @Option({ flags: '--period <period>', description: 'A year (2027), a quarter (2027-Q2) or a month (2027-04)', required: true })
  parsePeriod(value: string): string {
    return value;
  }

  @Option({ flags: '--issue-date <date>', description: 'Issue date of the invoices (default today)' })
  parseIssueDate(value: string): string {
    return value;
  }

  @Option({ flags: '--due-date <date>', description: 'Due date (default 30 days after the issue date)' })
  parseDueDate(value: string): string {
    return value;
  }
}
