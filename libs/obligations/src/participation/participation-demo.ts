import { Injectable } from '@nestjs/common';
import { Actor, Clock, UnitOfWork, UsersService, asCooperativeId, dutchDate } from '@buurtcoop/core';
import { MembersService } from '@buurtcoop/membership';
import { ParticipationService } from './participation.service';

/** The first day of the month `back` months before `day`'s. */
function monthStart(day: string, back: number): string {
  const [year, month] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - back, 1));
  return first.toISOString().slice(0, 10);
}

/**
 * Two participation agreements for the Rivierenwijk demo: Priya does odd jobs as her tegenprestatie for
 * gemeente Deventer since last month and consents to attestations (last month's hours fell short, so the
 * board's worklist shows it); Sanne's volunteer commitment starts this month, without consent, so no
 * attestation can be issued for it.
 */
@Injectable()
export class ParticipationDemo {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly participation: ParticipationService,
    private readonly clock: Clock,
  ) {}

  async seed(demo: { cooperativeId: string; boardUserId: string }): Promise<string> {
    const cooperativeId = asCooperativeId(demo.cooperativeId);
    const tx = <T>(work: () => Promise<T>) => this.uow.run({ cooperativeId }, work);
    const board: Actor = { userId: demo.boardUserId, roles: { [cooperativeId]: ['board'] }, reviews: [] };
    const today = dutchDate(this.clock.now());
    const priya = (await tx(() => this.members.memberIdByEmail(cooperativeId, 'priya.ramdin@rivierenwijk.example'))) as string;
    const sanne = (await tx(() => this.members.memberIdByEmail(cooperativeId, 'aanbieder@rivierenwijk.example'))) as string;

    const odd = await tx(() =>
      this.participation.record(board, cooperativeId, {
        memberId: priya,
        minutesPerMonth: 8 * 60,
        purpose: 'tegenprestatie',
        description: 'Kleine klussen bij buurtbewoners (lampen, planken, kranen), 8 uur per maand, afgesproken met de consulent van Sociaal Domein Deventer',
        externalReference: 'SD-DEV-2026-04127',
        startsOn: monthStart(today, 1),
      }),
    );
    const priyaActor: Actor = { userId: (await this.users.idOf('priya.ramdin@rivierenwijk.example')) as string, roles: { [cooperativeId]: ['member'] }, reviews: [] };
    await tx(() => this.participation.giveConsent(priyaActor, cooperativeId, odd.id));

    await tx(() =>
      this.participation.record(board, cooperativeId, {
        memberId: sanne,
        minutesPerMonth: 4 * 60,
        purpose: 'vrijwilligerswerk',
        description: 'Tuinonderhoud voor ouderen in de Rivierenwijk, 4 uur per maand',
        startsOn: monthStart(today, 0),
      }),
    );
    return '2 participation agreements (a tegenprestatie with consent to attestations, a volunteer commitment without)';
  }
}
