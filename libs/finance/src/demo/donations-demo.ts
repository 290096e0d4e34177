import { Injectable } from '@nestjs/common';
import { Actor, Clock, CooperativeId, UnitOfWork, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { DonationsService } from '../donations/donations.service';
import { DonorsService } from '../donations/donors.service';
import { addMonthsClamped } from '../donations/pledge-schedule';
import { Fund } from '../funds/entities/fund.entity';
import { FundsService, NewFund } from '../funds/funds.service';

/** The housing corporation's solar-panel fund, from the start of this year to the end of next. */
function solarFund(year: number): NewFund {
  return {
    code: `ZON-${year}-IJW`,
    name: 'Zonnepanelen — Woningcorporatie IJsselwonen',
    purpose: 'Onderhoud en schoonmaak van de zonnepanelen op de seniorenwoningen aan de Rembrandtkade',
    funderKind: 'housing_corporation',
    restricted: true,
    startsOn: `${year}-01-01`,
    endsOn: `${year + 1}-12-31`,
    budgetCents: 1_200_000,
  };
}

/**
 * The cooperative's givers: a resident with a monthly pledge (one payment behind), the local bakery, the
 * housing corporation and a foundation, with one-off and earmarked gifts.
 */
@Injectable()
export class DonationsDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly funds: FundsService,
    private readonly donors: DonorsService,
    private readonly donations: DonationsService,
    private readonly members: MembersService,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const treasurer: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['treasurer'] }, reviews: [] };
    return this.uow.run({ cooperativeId }, async () => {
      const today = dutchDate(this.clock.now());
      const zon = await this.fund(cooperativeId, solarFund(Number(today.slice(0, 4))));
      const mien = await this.donors.create(treasurer, cooperativeId, {
        kind: 'person',
        name: 'Mien ter Horst',
        email: 'mien.terhorst@rivierenwijk.example',
        street: 'Hoge Hondstraat 41',
        postcode: '7412 BD',
        city: 'Deventer',
        iban: 'NL44ASNB0708123456',
        memberId: await this.members.memberIdByEmail(cooperativeId, 'mien.terhorst@rivierenwijk.example'),
        publicConsent: false,
      });
      const bakery = await this.donors.create(treasurer, cooperativeId, {
        kind: 'company',
        name: 'Bakkerij De Korenschoof',
        contactPerson: 'Anouk Jansen',
        email: 'info@korenschoof.example',
        street: 'Brink 12',
        postcode: '7411 BR',
        city: 'Deventer',
        iban: 'NL81RABO0312345678',
        publicConsent: true,
      });
      const ijsselwonen = await this.donors.create(treasurer, cooperativeId, {
        kind: 'housing_corporation',
        name: 'IJsselwonen',
        contactPerson: 'R. Bulten, wijkconsulent Rivierenwijk',
        email: 'wijkbeheer@ijsselwonen.example',
        street: 'Keizerstraat 92',
        postcode: '7411 HJ',
        city: 'Deventer',
        publicConsent: true,
      });
      // The foundation's money comes as a grant (see the grants demo); it is in the register as a giver too.
      await this.donors.create(treasurer, cooperativeId, {
        kind: 'foundation',
        name: 'Oranje Fonds',
        contactPerson: 'Afdeling Programma’s',
        email: 'programmas@oranjefonds.example',
        street: 'Postbus 90',
        postcode: '3500 AB',
        city: 'Utrecht',
        publicConsent: true,
      });

      const start = addMonthsClamped(`${today.slice(0, 7)}-01`, -3);
      const pledge = await this.donors.createPledge(treasurer, cooperativeId, mien.id, { amountCents: 1_000, frequency: 'month', startsOn: start, channel: 'bank_transfer' });
      const gifts: Array<[string, Parameters<DonationsService['record']>[3]]> = [
        [mien.id, { amountCents: 1_000, receivedOn: start, channel: 'bank_transfer', pledgeId: pledge.id }],
        [mien.id, { amountCents: 1_000, receivedOn: addMonthsClamped(start, 1), channel: 'bank_transfer', pledgeId: pledge.id }],
        [mien.id, { amountCents: 1_000, receivedOn: addMonthsClamped(start, 2), channel: 'bank_transfer', pledgeId: pledge.id }],
        [bakery.id, { amountCents: 15_000, receivedOn: today, channel: 'cash' }],
        [ijsselwonen.id, { amountCents: 500_000, receivedOn: start, channel: 'bank_transfer', fundId: zon.id }],
        [bakery.id, { amountCents: 7_500, receivedOn: addMonthsClamped(start, 1), channel: 'bank_transfer', fundId: zon.id }],
      ];
      for (const [donorId, gift] of gifts) await this.donations.record(treasurer, cooperativeId, donorId, gift);
      return `4 donors, ${gifts.length} gifts (2 earmarked for ${zon.code}), a monthly pledge`;
    });
  }

  private async fund(cooperativeId: CooperativeId, fund: NewFund): Promise<Fund> {
    return (await this.funds.byCode(cooperativeId, fund.code)) ?? this.funds.create(null, cooperativeId, fund);
  }
}
