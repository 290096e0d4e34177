import { Injectable } from '@nestjs/common';
import { Actor, CooperativeId, DEMO_LOGINS, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { ApplicationsService } from '../applications/applications.service';
import { SignUpDto } from '../applications/dto/sign-up.dto';
import { MembersService } from '../members/members.service';
import { MembershipTypesRepository } from '../membership-types/membership-types.repository';
import { ProfileService } from '../profile/profile.service';

type Person = Omit<SignUpDto, 'membershipTypeId' | 'privacyConsent' | 'privacyStatementVersion'> & { type: string; decide?: 'approve' | 'reject' | 'pending' };

const street = (s: string, n: string, postcode: string) => ({ street: s, houseNumber: n, postcode, city: 'Deventer' });

/** The Rivierenwijk in Deventer: residents, providers, a household, supporters and organisations. */
const PEOPLE: Person[] = [
  // The demo logins first, so that logging in as them shows their own membership.
  { type: 'resident', role: 'consumer', firstName: 'Marieke', lastName: 'de Vries', email: DEMO_LOGINS[0].email, phone: '0570 612 345', dateOfBirth: '1961-02-17', ...street('Rembrandtkade', '14', '7412 AG') },
  { type: 'resident', role: 'consumer', firstName: 'Henk', lastName: 'Jansen', email: DEMO_LOGINS[1].email, phone: '06 23456789', ...street('Ruysdaelstraat', '3', '7412 BK') },
  { type: 'provider', role: 'both', firstName: 'Fatima', lastName: 'El Amrani', email: DEMO_LOGINS[2].email, phone: '06 34567890', ...street('Pothoofd', '88', '7411 ES') },
  { type: 'resident', role: 'consumer', firstName: 'Gerrit', lastName: 'Bosman', email: DEMO_LOGINS[3].email, phone: '0570 623 456', dateOfBirth: '1941-11-03', ...street('Hobbemastraat', '21', '7412 BP') },
  { type: 'provider', role: 'provider', firstName: 'Sanne', lastName: 'Mulder', email: DEMO_LOGINS[4].email, phone: '06 45678901', dateOfBirth: '1994-06-25', ...street('Jan Steenstraat', '7', '7412 BR') },
  { type: 'household', role: 'both', firstName: 'Ahmed', lastName: 'Yilmaz', email: 'familie.yilmaz@rivierenwijk.example', phone: '06 56789012', ...street('Frans Halsstraat', '40', '7412 BD'),
    householdPersons: [{ firstName: 'Elif', lastName: 'Yilmaz' }, { firstName: 'Deniz', lastName: 'Yilmaz', dateOfBirth: '2012-03-09' }] },
  { type: 'resident', role: 'consumer', firstName: 'Wilhelmina', lastName: 'ter Horst', email: 'mien.terhorst@rivierenwijk.example', dateOfBirth: '1936-08-30', ...street('Vermeerstraat', '2', '7412 BW') },
  { type: 'provider', role: 'provider', firstName: 'Daan', lastName: 'van den Berg', email: 'daan.vandenberg@rivierenwijk.example', phone: '06 67890123', ...street('Van Ostadestraat', '15', '7412 BT') },
  { type: 'provider', role: 'both', firstName: 'Priya', lastName: 'Ramdin', email: 'priya.ramdin@rivierenwijk.example', ...street('Worp', '5', '7419 AD') },
  { type: 'steunlid', role: 'consumer', firstName: 'Kees', lastName: 'Hofman', email: 'kees.hofman@rivierenwijk.example', ...street('Ceintuurbaan', '110', '7413 EN') },
  { type: 'woningcorporatie', role: 'consumer', organisationName: 'Woonstichting IJsselwonen', email: 'leefbaarheid@ijsselwonen.example', phone: '0570 700 700', ...street('Hanzeplein', '1', '7411 HA') },
  { type: 'bedrijf', role: 'consumer', organisationName: 'Installatiebedrijf Zon & Dak', email: 'info@zonendak.example', ...street('Zutphenseweg', '60', '7418 AJ') },
  // A Saxion researcher from Leeds who reads her mail in English.
  { type: 'resident', role: 'both', firstName: 'Emily', lastName: 'Clarke', email: 'emily.clarke@rivierenwijk.example', language: 'en', ...street('Ter Borchstraat', '11', '7412 BV') },
  // Still waiting for the board:
  { type: 'resident', role: 'consumer', firstName: 'Johanna', lastName: 'Smit', email: 'jo.smit@rivierenwijk.example', dateOfBirth: '1948-01-12', ...street('Rembrandtkade', '52', '7412 AG'), decide: 'pending' },
  { type: 'provider', role: 'provider', firstName: 'Lucas', lastName: 'de Groot', email: 'lucas.degroot@rivierenwijk.example', ...street('Pieter de Hoochstraat', '9', '7412 BN'), decide: 'pending' },
  { type: 'resident', role: 'consumer', firstName: 'Pieter', lastName: 'Kramer', email: 'p.kramer@elders.example', ...street('Bergweg', '3', '7418 BA'), decide: 'reject' },
];

/** Adds the membership part of the demo through the real flows: sign-up, board decision, status changes. */
@Injectable()
export class MembershipDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationsService,
    private readonly members: MembersService,
    private readonly types: MembershipTypesRepository,
    private readonly profile: ProfileService,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }, slug: string): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const board: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['board'] }, reviews: [] };
    await this.inTenant(cooperativeId, () =>
      this.profile.update(cooperativeId, {
        kvkNumber: '61234567',
        street: 'Hanzeplein',
        houseNumber: '21',
        postcode: '7411 HA',
        city: 'Deventer',
        iban: 'NL91ABNA0417164300',
        creditorId: 'NL57ZZZ999999999999',
        noticeRule: 'end_of_calendar_year',
        noticePeriodMonths: 1,
      }),
    );
    const typeIds = new Map((await this.inTenant(cooperativeId, () => this.types.list(cooperativeId))).map((t) => [t.code, t.id]));
    const memberIds: string[] = [];
    for (const { type, decide = 'approve', ...person } of PEOPLE) {
      const application = await this.applications.submit(slug, { ...person, membershipTypeId: typeIds.get(type) as string, privacyConsent: true, privacyStatementVersion: 1 } as SignUpDto);
      if (decide === 'approve') {
        const { member } = await this.inTenant(cooperativeId, () => this.applications.approve(board, cooperativeId, application.id));
        memberIds.push(member.id);
      } else if (decide === 'reject') {
        await this.inTenant(cooperativeId, () => this.applications.reject(board, cooperativeId, application.id, 'U woont buiten het werkgebied van de Rivierenwijk.'));
      }
    }
    // A little history: one member paused for a while, one who gave notice.
    await this.inTenant(cooperativeId, () => this.members.changeStatus(board, cooperativeId, memberIds[7], 'suspend', 'Langdurig in het buitenland; boekingen gepauzeerd.'));
    await this.inTenant(cooperativeId, () => this.members.changeStatus(board, cooperativeId, memberIds[9], 'notice', 'Opgezegd per e-mail; verhuist naar Apeldoorn.'));
    return `${memberIds.length} members, 2 applications waiting, 1 rejected`;
  }

  private inTenant<T>(cooperativeId: CooperativeId, work: () => Promise<T>): Promise<T> {
    return this.uow.run({ cooperativeId }, work);
  }
}
