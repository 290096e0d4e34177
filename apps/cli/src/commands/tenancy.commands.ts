import { Command, CommandRunner, Option } from 'nest-commander';
import { COOPERATIVE_ROLES, CooperativeRole, DEMO_LOGINS, DEMO_PASSWORD, DemoSeeder, TenancyService, UsersService, asCooperativeId, asMunicipalityId } from '@buurtcoop/core';

function required(value: string | undefined, flag: string): string {
  if (!value || !value.trim()) throw new UsageError(`${flag} is required`);
  return value.trim();
}

/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

@Command({ name: 'municipality:create', description: 'Register a municipality (gemeente) by its CBS code' })
export class MunicipalityCreateCommand extends CommandRunner {
  constructor(private readonly tenancy: TenancyService) {
    super();
  }

  async run(_: string[], options: { name?: string; cbsCode?: string }): Promise<void> {
    const municipality = await this.tenancy.createMunicipality(required(options.name, '--name'), required(options.cbsCode, '--cbs-code'));
    process.stdout.write(`Created municipality ${municipality.name} (${municipality.cbsCode}), id ${municipality.id}\n`);
  }

  @Option({ flags: '--name <name>', description: 'Name, e.g. Deventer', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--cbs-code <code>', description: 'CBS gemeentecode, four digits, e.g. 0150', required: true })
  parseCbsCode(value: string): string {
    return value;
  }
}

@Command({ name: 'cooperative:create', description: 'Create a cooperative in a municipality' })
export class CooperativeCreateCommand extends CommandRunner {
  constructor(private readonly tenancy: TenancyService) {
    super();
  }

  async run(_: string[], options: { name?: string; slug?: string; municipality?: string }): Promise<void> {
    const cooperative = await this.tenancy.createCooperative({
      name: required(options.name, '--name'),
      slug: required(options.slug, '--slug'),
      municipalityCbsCode: required(options.municipality, '--municipality'),
    });
    process.stdout.write(`Created cooperative ${cooperative.name} (${cooperative.slug}), id ${cooperative.id}\n`);
  }

  @Option({ flags: '--name <name>', description: "Name, e.g. 'Buurtcoöperatie Rivierenwijk'", required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--slug <slug>', description: 'Short name for URLs and commands, e.g. rivierenwijk', required: true })
  parseSlug(value: string): string {
    return value;
  }

  @Option({ flags: '--municipality <cbsCode>', description: 'CBS code of its municipality, e.g. 0150', required: true })
  parseMunicipality(value: string): string {
    return value;
  }
}

@Command({ name: 'user:create', description: 'Create an account, optionally with a role in a cooperative or as municipality reviewer' })
export class UserCreateCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly tenancy: TenancyService,
  ) {
    super();
  }

  async run(_: string[], options: { email?: string; name?: string; password?: string; role?: string; cooperative?: string; municipality?: string }): Promise<void> {
    const email = required(options.email, '--email');
    const role = options.role;
    if (role && role !== 'municipality_reviewer' && !(COOPERATIVE_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${[...COOPERATIVE_ROLES, 'municipality_reviewer'].join(', ')} (got '${role}')`);
    }
    const password = options.password ?? process.env.BUURTCOOP_PASSWORD;
    const user = await this.users.createUser({ email, displayName: options.name ?? email, password: required(password, '--password (or BUURTCOOP_PASSWORD)') });
    process.stdout.write(`Created account ${user.email}\n`);
    if (role === 'municipality_reviewer') {
      const cbsCode = required(options.municipality, '--municipality (CBS code) with --role municipality_reviewer');
      const { municipality } = await this.tenancy.getMunicipalityByCbsCode(cbsCode);
      await this.users.addReviewerAsOperator(asMunicipalityId(municipality.id), email);
      process.stdout.write(`  reviewer of municipality ${municipality.name}\n`);
    } else if (role) {
      const cooperative = await this.tenancy.requireCooperativeBySlug(required(options.cooperative, '--cooperative (slug) with --role'));
      await this.users.grantAsOperator(asCooperativeId(cooperative.id), email, role as CooperativeRole);
      process.stdout.write(`  ${role} of ${cooperative.name}\n`);
    }
  }

  @Option({ flags: '--email <email>', description: 'E-mail address (login name)', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'Display name' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'Initial password (or set BUURTCOOP_PASSWORD, which keeps it out of the shell history)' })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: `One of ${[...COOPERATIVE_ROLES, 'municipality_reviewer'].join(', ')}` })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--cooperative <slug>', description: 'Cooperative the role is in' })
  parseCooperative(value: string): string {
    return value;
  }

  @Option({ flags: '--municipality <cbsCode>', description: 'Municipality a reviewer reviews' })
  parseMunicipality(value: string): string {
    return value;
  }
}

@Command({ name: 'demo:seed', description: 'Seed the demo cooperative (Rivierenwijk, Deventer) if the database has no cooperative yet' })
export class DemoSeedCommand extends CommandRunner {
  constructor(private readonly seeder: DemoSeeder) {
    super();
  }

  async run(): Promise<void> {
    if (!(await this.seeder.seedIfEmpty())) {
      process.stdout.write('The database already has a cooperative; the demo was not seeded.\n');
      return;
    }
    process.stdout.write(`Seeded the demo. Logins (password ${DEMO_PASSWORD}):\n${DEMO_LOGINS.map((l) => `  ${l.role.padEnd(22)} ${l.email}`).join('\n')}\n`);
  }
}
