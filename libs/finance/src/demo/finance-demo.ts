import { Injectable } from '@nestjs/common';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { LedgerService } from '../ledger/ledger.service';
import { StripeRepository } from '../stripe/stripe.repository';

/** A Stripe test-mode connected account, so the payment settings show one; no payment can reach it without keys. */
export const DEMO_STRIPE_ACCOUNT = 'acct_1QdemoBuurtcoop0';

/** The treasurer's first entries of the year, so the ledger and its reports show something real. */
@Injectable()
export class FinanceDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly stripe: StripeRepository,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const code = new Map((await this.ledger.accounts(cooperativeId)).map((a) => [a.code, a.id]));
      const year = new Date().getFullYear();
      const entries = [
        { date: `${year}-01-01`, key: `opening-${year}`, text: 'Beginbalans', lines: [['1100', 184_532], ['0500', -184_532]] },
        { date: `${year}-03-14`, key: `giro-${year}-03-14-ijsselwonen`, text: 'Gift Woonstichting IJsselwonen voor de boodschappendienst', lines: [['1100', 50_000], ['8200', -50_000]] },
        { date: `${year}-03-31`, key: `bankkosten-${year}-q1`, text: 'Bankkosten eerste kwartaal', lines: [['4200', 1_250], ['1100', -1_250]] },
      ] as const;
      for (const e of entries) {
        await this.ledger.post(
          cooperativeId,
          { entryDate: e.date, description: e.text, idempotencyKey: e.key, lines: e.lines.map(([account, amountCents]) => ({ accountId: code.get(account) as string, amountCents })) },
          null,
        );
      }
      await this.stripe.setAccount(cooperativeId, DEMO_STRIPE_ACCOUNT, null);
      return `${entries.length} ledger entries (opening balance, a donation, bank costs), Stripe account ${DEMO_STRIPE_ACCOUNT}`;
    });
  }
}
