import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DomainError, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { MemberImportService } from '@buurtcoop/membership';
import { UsageError } from './tenancy.commands';

interface RowProblem {
  row: number;
  column: string | null;
  problem: string;
}

function rowProblemsOf(error: unknown): RowProblem[] | undefined {
  const rows = error instanceof DomainError ? error.extensions.rows : undefined;
  return Array.isArray(rows) ? (rows as RowProblem[]) : undefined;
}

async function readList(file: string): Promise<Buffer> {
  let csv: Buffer;
  try {
    csv = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`Cannot read ${file}: ${reason}`);
  }
  if (csv.length === 0) throw new UsageError(`${file} is empty`);
  return csv;
}

@Command({
  name: 'members:import',
  arguments: '<file>',
  description: "Import the board's member list (CSV, ; or ,, UTF-8 or Windows-1252); any bad row imports nothing and exits with 2",
})
export class MembersImportCommand extends CommandRunner {
  constructor(
    private readonly importer: MemberImportService,
    private readonly tenancy: TenancyService,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async run([file]: string[], options: { cooperative?: string; dryRun?: boolean }): Promise<void> {
    if (!options.cooperative?.trim()) throw new UsageError('--cooperative is required');
    const csv = await readList(file);
    const cooperative = await this.tenancy.requireCooperativeBySlug(options.cooperative.trim());
    const cooperativeId = asCooperativeId(cooperative.id);
    const dryRun = options.dryRun === true;
    try {
      const result = await this.uow.run({ cooperativeId }, () =>
        this.importer.import(cooperativeId, csv, {
          dryRun,
          recordedBy: null,
          onProgress: (done, total) => process.stderr.write(`  ${done}/${total} rows\n`),
        }),
      );
      const read = `${file} (${result.encoding}, '${result.delimiter === '\t' ? 'tab' : result.delimiter}'-separated, ${result.rows} members)`;
      const corrections = result.updates.map((u) => `  row ${u.row}, member ${u.memberNumber}: ${u.fields.join(', ')}\n`).join('');
      if (result.dryRun) {
        process.stdout.write(
          `Dry run of ${read} for ${cooperative.name}: ${result.toCreate} to create, ${result.toUpdate} to update, ${result.unchanged} unchanged. Nothing was written.\n${corrections}`,
        );
      } else {
        process.stdout.write(`Imported ${read} into ${cooperative.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.\n${corrections}`);
      }
    } catch (error) {
      const problems = rowProblemsOf(error);
      if (!problems) throw error;
      for (const p of problems) process.stderr.write(`row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.problem}\n`);
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 2;
    }
  }

  @Option({ flags: '--cooperative <slug>', description: 'Slug of the cooperative, e.g. rivierenwijk', required: true })
  parseCooperative(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'Check the list and report what would happen, writing nothing' })
  parseDryRun(): boolean {
    return true;
  }
}
