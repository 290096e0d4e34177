import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { SepaSettings } from './entities/sepa-settings.entity';

@Injectable()
export class SepaSettingsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  find(cooperativeId: CooperativeId): Promise<SepaSettings | null> {
    return this.uow.manager().getRepository(SepaSettings).findOneBy({ cooperativeId });
  }

  async save(cooperativeId: CooperativeId, s: Pick<SepaSettings, 'creditorId' | 'creditorName' | 'iban' | 'bic' | 'painVersion'>, updatedBy: string): Promise<SepaSettings> {
    await this.uow.rows(
      `INSERT INTO sepa_settings (cooperative_id, creditor_id, creditor_name, iban, bic, pain_version, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (cooperative_id) DO UPDATE SET creditor_id = EXCLUDED.creditor_id, creditor_name = EXCLUDED.creditor_name, iban = EXCLUDED.iban,
         bic = EXCLUDED.bic, pain_version = EXCLUDED.pain_version, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [cooperativeId, s.creditorId, s.creditorName, s.iban, s.bic, s.painVersion, updatedBy],
    );
    return (await this.find(cooperativeId)) as SepaSettings;
  }
}
