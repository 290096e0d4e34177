import { Injectable } from '@nestjs/common';
import { Actor, Clock, DEMO_LOGINS, UnitOfWork, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { AllowancesService } from '../allowances/allowances.service';
import { KNOWN_ALLOWANCE_CAPS } from '../allowances/allowance-caps';
import { FundsService } from '../funds/funds.service';
import { MinimaReductionsService } from '../minima/minima-reductions.service';

/** Volunteers paid an allowance this year: who, for which month (1–12), hours and cents. */
const ALLOWANCES = [
  { email: 'daan.vandenberg@rivierenwijk.example', month: 9, hours: 24, amountCents: 12_000, description: 'Klussendienst september' },
  { email: 'daan.vandenberg@rivierenwijk.example', month: 10, hours: 30, amountCents: 15_000, description: 'Klussendienst oktober' },
  { email: 'priya.ramdin@rivierenwijk.example', month: 10, hours: 16, amountCents: 8_000, description: 'Taalcafé en huiswerkbegeleiding' },
  { email: DEMO_LOGINS[4].email, month: 10, hours: 42, amountCents: 21_000, description: 'Coördinatie boodschappendienst' },
];

const MUNICIPAL_FUND = {
  code: 'BOOD-2027',
  name: 'Boodschappendienst 2027 — gemeente Deventer',
  purpose: 'Boodschappendienst voor ouderen en de tariefkorting minima in de Rivierenwijk',
  funderKind: 'municipality' as const,
  restricted: true,
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  budgetCents: 1_500_000,
};

/**
 * Funding, as a demo: a resident declares a minimum income before the dues run (so his dues are billed
 * at the reduced tariff), and afterwards the treasurer sets this year's allowance caps, pays volunteers
 * their allowances, and claims the minima reductions from the municipality's fund.
 */
@Injectable()
export class FundingDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly members: MembersService,
    private readonly allowances: AllowancesService,
    private readonly funds: FundsService,
    private readonly minima: MinimaReductionsService,
    private readonly clock: Clock,
  ) {}

  /** Gerrit Bosman lives on the state pension alone and declares it, with consent, for the reduced tariff. */
  async declareMinimumIncome(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const board: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['board'] }, reviews: [] };
    return this.uow.run({ cooperativeId }, async () => {
      const memberId = await this.members.memberIdByEmail(cooperativeId, DEMO_LOGINS[3].email);
      const userId = memberId ? (await this.members.view(board, cooperativeId, memberId)).member.userId : null;
      if (!userId) return 'no minimum income declared (the resident has no login)';
      const gerrit: Actor = { userId, roles: { [cooperativeId]: ['member'] }, reviews: [] };
      await this.members.setOwnCategories(gerrit, cooperativeId, ['minimum_income']);
      return 'one resident declared a minimum income';
    });
  }

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const treasurer: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['treasurer'] }, reviews: [] };
    const year = Number(dutchDate(this.clock.now()).slice(0, 4));
    return this.uow.run({ cooperativeId }, async () => {
      const known = KNOWN_ALLOWANCE_CAPS.find((c) => c.year === 2025);
      if (known) await this.allowances.setCaps(cooperativeId, 2025, known);
      let granted = 0;
      for (const a of ALLOWANCES) {
        const memberId = await this.members.memberIdByEmail(cooperativeId, a.email);
        if (!memberId) continue;
        await this.allowances.grant(treasurer, cooperativeId, { memberId, month: `${year}-${String(a.month).padStart(2, '0')}`, hours: a.hours, amountCents: a.amountCents, description: a.description });
        granted++;
      }
      // Another part of the demo may have opened the municipality's fund already.
      const fund = (await this.funds.byCode(cooperativeId, MUNICIPAL_FUND.code)) ?? (await this.funds.create(null, cooperativeId, MUNICIPAL_FUND));
      const claim = await this.minima.claim(treasurer, cooperativeId, fund.id, `${year}-01-01`, MUNICIPAL_FUND.endsOn);
      return `allowance caps for 2025, ${granted} volunteer allowance(s), ${claim.count} minima reduction(s) claimed from ${fund.code}`;
    });
  }
}
