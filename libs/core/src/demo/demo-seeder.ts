import { Injectable, Logger } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { CooperativeRole } from '../auth/permissions';
import { TenancyService } from '../tenancy/tenancy.service';
import { asCooperativeId, asMunicipalityId } from '../tenancy/ids';

export const DEMO_PASSWORD = 'buurtcoop-demo';

export interface DemoLogin {
  email: string;
  displayName: string;
  role: CooperativeRole | 'municipality_reviewer';
}

/** One account per role, so someone new can see every capability from its own side. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: 'bestuur@rivierenwijk.example', displayName: 'Marieke de Vries (voorzitter)', role: 'board' },
  { email: 'penningmeester@rivierenwijk.example', displayName: 'Henk Jansen (penningmeester)', role: 'treasurer' },
  { email: 'makelaar@rivierenwijk.example', displayName: 'Fatima El Amrani (verbindingsmakelaar)', role: 'coordinator' },
  { email: 'bewoner@rivierenwijk.example', displayName: 'Gerrit Bosman', role: 'member' },
  { email: 'aanbieder@rivierenwijk.example', displayName: 'Sanne Mulder', role: 'member' },
  { email: 'gemeente@deventer.example', displayName: 'Johan Visser (gemeente Deventer)', role: 'municipality_reviewer' },
];

export const DEMO_COOPERATIVE = { slug: 'rivierenwijk', name: 'Buurtcoöperatie Rivierenwijk' } as const;
export const DEMO_MUNICIPALITY = { name: 'Deventer', cbsCode: '0150' } as const;

/** What a domain lib adds to the demo, given the seeded cooperative and its board member's user id. */
export type DemoContribution = (demo: { cooperativeId: string; municipalityId: string; boardUserId: string }) => Promise<string>;

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');
  private readonly contributions: Array<{ name: string; seed: DemoContribution }> = [];

  /** Domain libs add their part of the demo at module start-up; parts run in registration order. */
  contribute(name: string, seed: DemoContribution): void {
    if (!this.contributions.some((c) => c.name === name)) this.contributions.push({ name, seed });
  }

  constructor(
    private readonly tenancy: TenancyService,
    private readonly users: UsersService,
  ) {}

  /** Seeds the demo cooperative; returns false (and does nothing) when the database already has one. */
  async seedIfEmpty(): Promise<boolean> {
    if (!(await this.tenancy.isEmpty())) return false;
    await this.seed();
    return true;
  }

  async seed(): Promise<void> {
    const municipality = await this.tenancy.createMunicipality(DEMO_MUNICIPALITY.name, DEMO_MUNICIPALITY.cbsCode);
    const cooperative = await this.tenancy.createCooperative({ municipalityCbsCode: DEMO_MUNICIPALITY.cbsCode, ...DEMO_COOPERATIVE });
    let boardUserId = '';
    for (const login of DEMO_LOGINS) {
      const user = await this.users.createUser({ email: login.email, displayName: login.displayName, password: DEMO_PASSWORD });
      if (login.role === 'board') boardUserId = user.id;
      if (login.role === 'municipality_reviewer') {
        await this.users.addReviewerAsOperator(asMunicipalityId(municipality.id), login.email);
      } else {
        await this.users.grantAsOperator(asCooperativeId(cooperative.id), login.email, login.role);
      }
    }
    this.logger.log(`Seeded ${cooperative.name} in ${municipality.name} with ${DEMO_LOGINS.length} demo accounts`);
    for (const { name, seed } of this.contributions) {
      const summary = await seed({ cooperativeId: cooperative.id, municipalityId: municipality.id, boardUserId });
      this.logger.log(`Demo ${name}: ${summary}`);
    }
  }
}
