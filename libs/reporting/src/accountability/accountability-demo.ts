import { Injectable } from '@nestjs/common';
import { UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { AgreementsService } from '@buurtcoop/finance';
import { AccountabilityService } from './accountability.service';

/**
 * The half-year verantwoording for gemeente Deventer's 2027 boodschappendienst agreement: a draft, two saves by the
 * board and the submission, so the reviewer has a report to read and versions to compare.
 */
@Injectable()
export class AccountabilityDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly agreements: AgreementsService,
    private readonly accountability: AccountabilityService,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    return this.uow.run({ cooperativeId }, async () => {
      const agreement = (await this.agreements.list(cooperativeId)).find((a) => a.reference === 'Z/26/184467');
      if (!agreement) return 'no accountability report (the demo has no co-finance agreement)';
      const board = { userId: demo.boardUserId };
      const { report } = await this.accountability.create(board, cooperativeId, agreement.id, { from: '2027-01-01', through: '2027-06-30' });
      await this.accountability.save(board, cooperativeId, agreement.id, report.id, {
        samenvatting: 'In het eerste halfjaar deden vrijwilligers wekelijks boodschappen met en voor ouderen in de Rivierenwijk.',
        activiteiten: 'Vaste boodschappenrondes op dinsdag en vrijdag, en op verzoek samen naar de markt aan de Brink.',
      });
      await this.accountability.save(board, cooperativeId, agreement.id, report.id, {
        bereik: 'De meeste bewoners die we hielpen zijn 65 jaar of ouder; een deel leeft van een minimuminkomen.',
        financien: 'De vrijwilligersvergoedingen blijven binnen de begroting; het eerste voorschot is ontvangen.',
        vooruitblik: 'In het tweede halfjaar breiden we de rondes uit naar de Knutteldorp en werven we tien nieuwe vrijwilligers.',
      });
      await this.accountability.submit(board, cooperativeId, agreement.id, report.id, [{ kind: 'activity_report', name: 'Inhoudelijk verslag eerste halfjaar 2027', reference: 'BC-VERSLAG-2027-1' }]);
      return 'a submitted half-year verantwoording for Z/26/184467 with four versions';
    });
  }
}
