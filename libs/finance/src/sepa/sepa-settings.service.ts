import { Injectable } from '@nestjs/common';
import { Actor, AuditService, CooperativeId, normalizeIban } from '@buurtcoop/core';
import { CollectionParty, PainVersion } from './pain008';
import { SepaSettings } from './entities/sepa-settings.entity';
import { SepaSettingsDto } from './dto/sepa.dto';
import { SepaError, SepaErrorCode } from './sepa.errors';
import { SepaSettingsRepository } from './sepa-settings.repository';

/** The cooperative as SEPA creditor. */
@Injectable()
export class SepaSettingsService {
  constructor(
    private readonly settings: SepaSettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(cooperativeId: CooperativeId): Promise<SepaSettings> {
    const settings = await this.settings.find(cooperativeId);
    if (!settings) throw new SepaError(SepaErrorCode.NotSetUp, 'The cooperative has not entered its SEPA creditor details yet');
    return settings;
  }

  async update(actor: Actor, cooperativeId: CooperativeId, dto: SepaSettingsDto): Promise<SepaSettings> {
    const saved = await this.settings.save(
      cooperativeId,
      { creditorId: normalizeIban(dto.creditorId), creditorName: dto.creditorName, iban: normalizeIban(dto.iban), bic: dto.bic ?? null, painVersion: dto.painVersion ?? '.001.02' },
      actor.userId,
    );
    await this.audit.record({ action: 'sepa.settings.update', objectType: 'sepa_settings', objectId: cooperativeId, details: { creditorId: saved.creditorId, painVersion: saved.painVersion } });
    return saved;
  }

  /** For the collection run: the creditor block of the pain.008 file, and the version the bank takes. */
  async creditor(cooperativeId: CooperativeId): Promise<{ creditor: CollectionParty; painVersion: PainVersion }> {
    const s = await this.get(cooperativeId);
    return { creditor: { name: s.creditorName, iban: s.iban, bic: s.bic, creditorId: s.creditorId }, painVersion: s.painVersion };
  }
}
