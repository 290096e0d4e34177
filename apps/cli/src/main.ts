import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { AuthModule, CoreModule, CoreModuleOptions, DemoModule, DomainError, JobsModule, PinoNestLogger, TenancyModule, openForProcess } from '@buurtcoop/core';
import { MembershipModule } from '@buurtcoop/membership';
import { FinanceModule } from '@buurtcoop/finance';
import { ObligationsModule } from '@buurtcoop/obligations';
import { ReportingModule } from '@buurtcoop/reporting';
import { SCHEMA } from '@buurtcoop/platform';
import { MembersImportCommand } from './commands/members-import.command';
import { DuesRunCommand } from './commands/dues-run.command';
import { JobsDeadLettersCommand, JobsRunCommand } from './commands/jobs.commands';
import { StatementImportCommand } from './commands/statement-import.command';
import { OutboxListCommand, OutboxShowCommand } from './commands/outbox.commands';
import { MigrationGenerateCommand, MigrationRevertCommand, MigrationRunCommand } from './commands/migration.commands';
import { CooperativeCreateCommand, DemoSeedCommand, MunicipalityCreateCommand, UsageError, UserCreateCommand } from './commands/tenancy.commands';

@Module({})
class CliModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot(options), AuthModule, TenancyModule, DemoModule, JobsModule, MembershipModule, FinanceModule, ReportingModule, ObligationsModule],
      providers: [
        MigrationRunCommand,
        MigrationRevertCommand,
        MigrationGenerateCommand,
        MunicipalityCreateCommand,
        CooperativeCreateCommand,
        UserCreateCommand,
        DemoSeedCommand,
        MembersImportCommand,
        DuesRunCommand,
        StatementImportCommand,
        JobsDeadLettersCommand,
        JobsRunCommand,
        OutboxListCommand,
        OutboxShowCommand,
      ],
    };
  }
}

const NO_MIGRATE = new Set(['migration:run', 'migration:revert', 'migration:generate', '--help', '-h', 'help']);

async function main(): Promise<void> {
  const command = process.argv[2];
  const { logger, config, database } = await openForProcess(SCHEMA, { migrate: !NO_MIGRATE.has(command ?? '--help') });
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ config, database }), {
    logger: new PinoNestLogger(logger.child({}, { level: 'warn' })),
    cliName: 'npm run cli --',
    errorHandler: (error) => {
      throw error;
    },
    // nest-commander's default prints a failed command's error and resolves, so it would exit 0.
    serviceErrorHandler: (error) => {
      throw error;
    },
  });
  try {
    await CommandFactory.runApplication(app);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DomainError) {
      process.stderr.write(`Error: ${error.message}\n`);
      process.exitCode = 2;
    } else if ((error as { code?: string }).code?.startsWith('commander.')) {
      process.exitCode = (error as { exitCode?: number }).exitCode ?? 2;
    } else {
      throw error;
    }
  } finally {
    await app.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
