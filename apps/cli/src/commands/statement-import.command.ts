import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { TenancyService, UnitOfWork, asCooperativeId, isValidIban } from '@buurtcoop/core';
import { StatementsService } from '@buurtcoop/finance';
import { UsageError } from './tenancy.commands';

@Command({
  name: 'statement:import',
  arguments: '<file>',
  description: 'Import a bank statement (CAMT.053, MT940 or a Dutch bank’s CSV export) and match its lines; importing it again adds nothing',
})
export class StatementImportCommand extends CommandRunner {
  constructor(
    private readonly statements: StatementsService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async run([file]: string[], options: { cooperative?: string; account?: string }): Promise<void> {
    if (!options.cooperative?.trim()) throw new UsageError('--cooperative is required');
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new UsageError(`${file} is not a file`);
      size = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    if (size === 0) throw new UsageError(`${file} is empty`);
    const cooperative = await this.tenancy.requireCooperativeBySlug(options.cooperative.trim());
    const cooperativeId = asCooperativeId(cooperative.id);
    // No 'data' listener here: one would start the stream flowing before the parser reads it.
    const stream = createReadStream(file);
    const bar = new SingleBar({ format: 'Afschrift [{bar}] {percentage}% | {lines} regels', stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 });
    bar.start(size, 0, { lines: 0 });
    let outcome: Awaited<ReturnType<StatementsService['importAndMatch']>>;
    try {
      outcome = await this.uow.run({ cooperativeId }, () =>
        this.statements.importAndMatch(cooperativeId, stream, {
          fileName: basename(file),
          importedBy: null,
          accountIban: options.account,
          onProgress: (lines) => bar.update(stream.bytesRead, { lines }),
        }),
      );
      bar.update(size, { lines: outcome.lineCount });
    } finally {
      // A running bar keeps a timer, and with it the process, alive.
      bar.stop();
      stream.destroy();
    }
    if (outcome.duplicate) {
      const earlier = outcome.statements.map((s) => s.statement.id).join(', ');
      process.stdout.write(`${cooperative.name}: this file was imported before (statement${outcome.statements.length > 1 ? 's' : ''} ${earlier}); nothing added.\n`);
      return;
    }
    for (const s of outcome.statements) {
      const balance = s.statement.balanced === null ? 'no balances to check' : s.statement.balanced ? 'balances agree' : 'BALANCES DO NOT AGREE';
      process.stdout.write(`${s.statement.format} ${s.statement.openingDate ?? '?'} – ${s.statement.closingDate ?? '?'}: ${s.statement.lineCount} lines, ${s.newLineIds.length} new; ${balance} (statement ${s.statement.id})\n`);
      if (s.gap) process.stdout.write(`  missing: ${s.gap.from} – ${s.gap.through} (${s.gap.missingCents} cents)\n`);
      for (const issue of s.statement.issues) process.stdout.write(`  ${issue.skipped ? 'skipped' : 'note'} at ${issue.at}: ${issue.problem}\n`);
    }
    process.stdout.write(`${cooperative.name}: ${outcome.lineCount} lines read, ${outcome.newLineCount} new, ${outcome.matched} matched automatically, ${outcome.unmatched} on the worklist.\n`);
  }

  @Option({ flags: '--account <iban>', description: 'The account the file is of, when the file does not give it as an IBAN' })
  parseAccount(value: string): string {
    if (!isValidIban(value)) throw new UsageError(`--account must be an IBAN, e.g. NL91ABNA0417164300 (got ${value})`);
    return value;
  }

  @Option({ flags: '--cooperative <slug>', description: 'Slug of the cooperative, e.g. rivierenwijk', required: true })
  parseCooperative(value: string): string {
    return value;
  }
}
