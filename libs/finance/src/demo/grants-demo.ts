import { Injectable } from '@nestjs/common';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { AgreementsService } from '../agreements/agreements.service';
import { FundsService } from '../funds/funds.service';
import { GrantsService } from '../grants/grants.service';

/**
 * An Oranje Fonds grant for the buurtkamer with its first tranche in, and the 2027 subsidiebeschikking of
 * gemeente Deventer for the boodschappendienst: €40,000, two advances (one received), matching 1:1 up to
 * €30,000, on fund BOOD-2027 (which another part of the demo may have opened already).
 */
@Injectable()
export class GrantsDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly grants: GrantsService,
    private readonly agreements: AgreementsService,
    private readonly funds: FundsService,
  ) {}

  async seed(demo: { cooperativeId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const application = await this.grants.apply(null, cooperativeId, { foundationName: 'Oranje Fonds', project: 'Buurtkamer Rivierenwijk: koffieochtenden en spreekuur', requestedCents: 1_500_000, submittedOn: '2026-09-15' });
      const grantId = application.grant.id;
      const awarded = await this.grants.award(null, cooperativeId, grantId, {
        decidedOn: '2026-11-10',
        awardedCents: 1_200_000,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        conditions: 'Vermelding van het Oranje Fonds bij activiteiten en in publicaties; tussenrapportage na zes maanden, eindverslag met financiële verantwoording binnen drie maanden na afloop.',
        fundCode: 'ORANJE-2027',
        tranches: [
          { expectedOn: '2027-01-15', amountCents: 900_000 },
          { expectedOn: '2028-03-31', amountCents: 300_000 },
        ],
        reportsDue: [
          { dueOn: '2027-07-15', description: 'Tussenrapportage' },
          { dueOn: '2028-03-31', description: 'Eindverslag met financiële verantwoording' },
        ],
      });
      await this.grants.receiveTranche(null, cooperativeId, grantId, awarded.tranches[0].id, { receivedOn: '2027-01-18' });

      const existing = await this.funds.byCode(cooperativeId, 'BOOD-2027');
      const fund =
        existing ??
        (await this.funds.create(null, cooperativeId, {
          code: 'BOOD-2027',
          name: 'Boodschappendienst 2027 — gemeente Deventer',
          purpose: 'Boodschappen doen met en voor ouderen en mensen met een beperking in de Rivierenwijk',
          funderKind: 'municipality',
          restricted: true,
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          budgetCents: 4_000_000,
        }));
      const agreement = await this.agreements.record(null, cooperativeId, {
        reference: 'Z/26/184467',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        grantedCents: 4_000_000,
        ratio: { numerator: 1, denominator: 1 },
        capCents: 3_000_000,
        advances: [
          { expectedOn: '2027-01-31', amountCents: 2_000_000 },
          { expectedOn: '2027-07-31', amountCents: 1_600_000 },
        ],
        reportsDue: [{ dueOn: '2028-04-01', description: 'Activiteitenverslag 2027 (verantwoording subsidie)' }],
        targets: [
          { kind: 'hours_delivered', target: 2_400 },
          { kind: 'residents_helped', target: 150 },
          { kind: 'vulnerable_residents_helped', target: 90 },
          { kind: 'activities_held', target: 40 },
        ],
        fundId: fund.id,
      });
      await this.agreements.receiveAdvance(null, cooperativeId, agreement.agreement.id, agreement.tranches[0].id, { receivedOn: '2027-02-03' });
      return 'an Oranje Fonds grant (first tranche in) and the 2027 co-finance agreement with gemeente Deventer (first advance in)';
    });
  }
}
