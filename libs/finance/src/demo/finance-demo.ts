import { Injectable } from '@nestjs/common';
import { Actor, CooperativeId, DEMO_LOGINS, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { FundsService } from '../funds/funds.service';
import { LedgerService } from '../ledger/ledger.service';
import { StripeRepository } from '../stripe/stripe.repository';

/** A Stripe test-mode connected account, so the payment settings show one; no payment can reach it without keys. */
export const DEMO_STRIPE_ACCOUNT = 'acct_1QdemoBuurtcoop0';
import { SepaMandatesService } from '../sepa/sepa-mandates.service';
import { SepaSettingsService } from '../sepa/sepa-settings.service';
import type { MandateKind } from '../sepa/entities/sepa-mandate.entity';

/** Demo members' accounts: real bank codes, valid check digits, invented account numbers. */
const MANDATES: Array<{ email: string; debtorName: string; iban: string; bic?: string; kind: MandateKind; collected?: boolean }> = [
  { email: DEMO_LOGINS[0].email, debtorName: 'M. de Vries', iban: 'NL20INGB0001234567', bic: 'INGBNL2A', kind: 'recurrent', collected: true },
  { email: DEMO_LOGINS[3].email, debtorName: 'G. Bosman', iban: 'NL44RABO0123456789', kind: 'recurrent', collected: true },
  { email: 'mien.terhorst@rivierenwijk.example', debtorName: 'W. ter Horst-Ĳzerman', iban: 'NL44ASNB0708123456', kind: 'recurrent' },
  { email: 'kees.hofman@rivierenwijk.example', debtorName: 'K. Hofman', iban: 'NL43KNAB0612345678', kind: 'one_off' },
];

/** The treasurer's first entries of the year, so the ledger and its reports show something real. */
@Injectable()
export class FinanceDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly funds: FundsService,
    private readonly stripe: StripeRepository,
    private readonly sepaSettings: SepaSettingsService,
    private readonly mandates: SepaMandatesService,
    private readonly members: MembersService,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const code = new Map((await this.ledger.accounts(cooperativeId)).map((a) => [a.code, a.id]));
      const year = new Date().getFullYear();
      // The housing corporation's gift is earmarked for the shopping service: a restricted fund with a budget.
      const fund = await this.funds.create(null, cooperativeId, {
        code: `BOOD-${year}-IJW`,
        name: `Boodschappendienst ${year} — Woonstichting IJsselwonen`,
        purpose: 'Boodschappen en vervoer voor ouderen en mensen met een beperking in de Rivierenwijk',
        funderKind: 'housing_corporation',
        restricted: true,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        budgetCents: 50_000,
      });
      await this.funds.setBudget(cooperativeId, fund.id, [
        { accountCode: '4000', amountCents: 30_000 },
        { accountCode: '4100', amountCents: 12_000 },
        { accountCode: '4300', amountCents: 8_000 },
      ]);
      const entries: Array<{ date: string; key: string; text: string; lines: Array<[string, number, string?]> }> = [
        { date: `${year}-01-01`, key: `opening-${year}`, text: 'Beginbalans', lines: [['1100', 184_532], ['0500', -184_532]] },
        { date: `${year}-03-14`, key: `giro-${year}-03-14-ijsselwonen`, text: 'Gift Woonstichting IJsselwonen voor de boodschappendienst', lines: [['1100', 50_000], ['8200', -50_000, fund.id]] },
        { date: `${year}-03-31`, key: `bankkosten-${year}-q1`, text: 'Bankkosten eerste kwartaal', lines: [['4200', 1_250], ['1100', -1_250]] },
        { date: `${year}-05-02`, key: `materiaal-${year}-05-boodschappenkratten`, text: 'Boodschappenkratten en koeltassen (Action Deventer)', lines: [['4100', 8_645, fund.id], ['1100', -8_645]] },
        { date: `${year}-06-30`, key: `coordinatie-${year}-h1`, text: 'Coördinatie eerste halfjaar (verbindingsmakelaar, 8 uur per maand)', lines: [['4300', 24_000], ['1100', -24_000]] },
      ];
      for (const e of entries) {
        await this.ledger.post(
          cooperativeId,
          { entryDate: e.date, description: e.text, idempotencyKey: e.key, lines: e.lines.map(([account, amountCents, fundId]) => ({ accountId: code.get(account) as string, amountCents, fundId })) },
          null,
        );
      }
      // A quarter of the coordination is the shopping service's; a promised bakfiets waits for its invoice.
      const board: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['board'] }, reviews: [] };
      await this.funds.addRule(board, cooperativeId, { fundId: fund.id, accountCode: '4300', sharePercent: 25, validFrom: `${year}-01-01`, validThrough: `${year}-12-31` });
      const attributed = await this.funds.applyRules(null, cooperativeId, `${year}-12-31`);
      await this.funds.commit(board, cooperativeId, fund.id, { description: 'Toegezegd: vervoerskosten vrijwilligers december', amountCents: 4_500, committedOn: `${year}-11-01` });
      await this.stripe.setAccount(cooperativeId, DEMO_STRIPE_ACCOUNT, null);
      const sepa = await this.seedSepa(cooperativeId, demo.boardUserId, year - 1);
      return `${entries.length} ledger entries (opening balance, an earmarked gift, costs), fund ${fund.code} with a budget, ${attributed.attributions} cost attribution(s) and a commitment, Stripe account ${DEMO_STRIPE_ACCOUNT}; ${sepa}`;
    });
  }

  /** The creditor details and a few signed mandates, some collected on before (so the next collection is RCUR). */
  private async seedSepa(cooperativeId: CooperativeId, recordedBy: string, lastYear: number): Promise<string> {
    const treasurer: Actor = { userId: recordedBy, roles: { [cooperativeId]: ['treasurer'] }, reviews: [] };
    await this.sepaSettings.update(treasurer, cooperativeId, { creditorId: 'NL57ZZZ999999999999', creditorName: 'Buurtcoöperatie Rivierenwijk', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' });
    const collected: string[] = [];
    for (const m of MANDATES) {
      const memberId = await this.members.memberIdByEmail(cooperativeId, m.email);
      if (!memberId) continue;
      const view = await this.mandates.create(treasurer, cooperativeId, { memberId, debtorName: m.debtorName, iban: m.iban, bic: m.bic, signedOn: `${lastYear}-03-12`, kind: m.kind });
      if (m.collected) collected.push(view.mandate.id);
    }
    await this.mandates.markCollected(cooperativeId, collected, `${lastYear}-04-01`);
    return `SEPA creditor details and ${MANDATES.length} mandates`;
  }
}
