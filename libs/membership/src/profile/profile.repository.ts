import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { CooperativeProfile } from './entities/cooperative-profile.entity';
import { PrivacyStatement } from './entities/privacy-statement.entity';

export const FIRST_PRIVACY_STATEMENT =
  'Wij bewaren je naam, adres en contactgegevens om je lidmaatschap en de diensten die je boekt of levert te administreren. ' +
  'Zelfgekozen kenmerken (65+, minimuminkomen, beperking, mantelzorger) bewaren we alleen met je toestemming en gebruiken we alleen geanonimiseerd in verantwoording aan de gemeente. ' +
  'Je kunt je gegevens inzien, downloaden en laten wissen; financiële gegevens bewaren we zeven jaar, zoals de wet vraagt.';

@Injectable()
export class ProfileRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async ensure(cooperativeId: CooperativeId): Promise<void> {
    await this.uow.rows(`INSERT INTO cooperative_profiles (cooperative_id) VALUES ($1) ON CONFLICT DO NOTHING`, [cooperativeId]);
  }

  async find(cooperativeId: CooperativeId): Promise<CooperativeProfile> {
    await this.ensure(cooperativeId);
    return (await this.uow.manager().getRepository(CooperativeProfile).findOneBy({ cooperativeId })) as CooperativeProfile;
  }

  async update(cooperativeId: CooperativeId, patch: Partial<CooperativeProfile>): Promise<void> {
    await this.ensure(cooperativeId);
    await this.uow.manager().getRepository(CooperativeProfile).update({ cooperativeId }, patch);
  }

  current(cooperativeId: CooperativeId): Promise<PrivacyStatement | null> {
    return this.uow.manager().getRepository(PrivacyStatement).findOne({ where: { cooperativeId }, order: { version: 'DESC' } });
  }

  /** Publishes the next version; the unique (cooperative, version) key refuses a concurrent duplicate. */
  async publish(cooperativeId: CooperativeId, text: string): Promise<PrivacyStatement> {
    const [row] = await this.uow.rows<{ id: string }>(
      `INSERT INTO privacy_statements (cooperative_id, version, text)
       SELECT $1, COALESCE(max(version), 0) + 1, $2 FROM privacy_statements WHERE cooperative_id = $1
       RETURNING id`,
      [cooperativeId, text],
    );
    return (await this.uow.manager().getRepository(PrivacyStatement).findOneBy({ cooperativeId, id: row.id })) as PrivacyStatement;
  }

  versions(cooperativeId: CooperativeId): Promise<PrivacyStatement[]> {
    return this.uow.manager().getRepository(PrivacyStatement).find({ where: { cooperativeId }, order: { version: 'DESC' } });
  }
}
