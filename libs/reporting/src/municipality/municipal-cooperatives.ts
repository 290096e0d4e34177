import { Injectable } from '@nestjs/common';
import { CooperativeId, MunicipalityId, TenancyService, UnitOfWork, asCooperativeId } from '@buurtcoop/core';
import { AgreementsService } from '@buurtcoop/finance';

/**
 * The cooperatives of a municipality, for its reviewers: each read in a transaction of its own with that
 * cooperative as the tenant, so row-level security applies as for any other request.
 */
@Injectable()
export class MunicipalCooperatives {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly agreements: AgreementsService,
    private readonly uow: UnitOfWork,
  ) {}

  async ids(municipalityId: MunicipalityId): Promise<CooperativeId[]> {
    const { cooperatives } = await this.uow.run({}, () => this.tenancy.getMunicipality(municipalityId));
    return cooperatives.map((c) => asCooperativeId(c.id));
  }

  /** The first cooperative for which `holds` is true, or null. */
  async find(municipalityId: MunicipalityId, holds: (cooperativeId: CooperativeId) => Promise<boolean>): Promise<CooperativeId | null> {
    for (const cooperativeId of await this.ids(municipalityId)) {
      if (await this.uow.run({ cooperativeId }, () => holds(cooperativeId))) return cooperativeId;
    }
    return null;
  }

  /** The cooperative holding the agreement of this municipality, or null when no cooperative of it does. */
  ofAgreement(municipalityId: MunicipalityId, agreementId: string): Promise<CooperativeId | null> {
    return this.find(municipalityId, async (cooperativeId) => (await this.agreements.list(cooperativeId)).some((a) => a.id === agreementId && a.municipalityId === municipalityId));
  }
}
