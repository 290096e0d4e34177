import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { Database } from '@buurtcoop/core';

@Command({ name: 'migration:run', description: 'Apply pending migrations' })
export class MigrationRunCommand extends CommandRunner {
  constructor(private readonly database: Database) {
    super();
  }

  async run(): Promise<void> {
    const applied = await this.database.migrate();
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The schema is up to date.\n');
  }
}

@Command({ name: 'migration:revert', description: 'Revert the most recent migration' })
export class MigrationRevertCommand extends CommandRunner {
  constructor(private readonly database: Database) {
    super();
  }

  async run(): Promise<void> {
    const executed = await this.database.dataSource.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
    if (executed.length === 0) {
      process.stdout.write('No migration to revert.\n');
      return;
    }
    await this.database.dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write(`Reverted ${executed[0].name}\n`);
  }
}

/** `SQL` as a TypeScript template-literal line, escaped. */
function sqlLine(query: string, parameters?: unknown[]): string {
  const escaped = query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const params = parameters && parameters.length ? `, ${JSON.stringify(parameters)}` : '';
  return `    await queryRunner.query(\`${escaped}\`${params});`;
}

@Command({
  name: 'migration:generate',
  arguments: '<name>',
  description: 'Write a migration with the SQL that brings the database to the entities (after applying pending migrations)',
})
export class MigrationGenerateCommand extends CommandRunner {
  constructor(private readonly database: Database) {
    super();
  }

  async run([name]: string[], options: { dir?: string }): Promise<void> {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
      process.stderr.write(`The migration name must be PascalCase letters and digits, e.g. AddBookings (got '${name}')\n`);
      process.exitCode = 2;
      return;
    }
    await this.database.migrate();
    const sql = await this.database.dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('The entities match the schema: no migration needed.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const dir = resolve(options.dir ?? 'libs/core/src/database/migrations');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${timestamp}-${name}.ts`);
    const up = sql.upQueries.map((q) => sqlLine(q.query, q.parameters)).join('\n');
    const down = sql.downQueries.reverse().map((q) => sqlLine(q.query, q.parameters)).join('\n');
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`Wrote ${file}\nRead it, then add ${className} to the lib's migrations list.\n`);
  }

  @Option({ flags: '--dir <dir>', description: 'Folder to write the migration to (default: libs/core/src/database/migrations)' })
  parseDir(value: string): string {
    return value;
  }
}
