import { Injectable } from '@nestjs/common';
import { CooperativeId, dutchDate } from '@buurtcoop/core';
import { formatLongDate } from '@buurtcoop/finance';
import { EffectivePolicy, ObligationSource, SettledObligation } from '../obligation-source';
import { ParticipationRepository } from './participation.repository';
import { DUTCH_MONTH_NAMES } from './participation-months';

/** Participation obligations: one per agreement and month, fulfilled when the month's delivered minutes reach the agreed. */
@Injectable()
export class ParticipationSource implements ObligationSource {
  readonly type = 'participation' as const;

  constructor(private readonly agreements: ParticipationRepository) {}

  discover(cooperativeId: CooperativeId, now: Date, policy: EffectivePolicy): Promise<number> {
    return this.agreements.discover(cooperativeId, dutchDate(now), policy.termHours, DUTCH_MONTH_NAMES);
  }

  /** Delivered minutes and ends are facts as they stand, whatever `now` is. */
  async settled(cooperativeId: CooperativeId, _now?: Date): Promise<SettledObligation[]> {
    return (await this.agreements.settled(cooperativeId)).map((row) =>
      row.lapsed ? { id: row.id, outcome: 'lapsed', reason: `De deelnameafspraak is beëindigd per ${formatLongDate(row.endsOn as string, 'nl')}` } : { id: row.id, outcome: 'fulfilled' },
    );
  }
}
