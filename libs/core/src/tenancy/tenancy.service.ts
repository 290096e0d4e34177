import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId, MunicipalityId, asCooperativeId, asUserId } from './ids';
import { CooperativeLifecycle } from './cooperative-lifecycle';
import { Cooperative } from './entities/cooperative.entity';
import { Municipality } from './entities/municipality.entity';
import { TenancyError, TenancyErrorCode } from './tenancy.errors';
import { TenancyRepository } from './tenancy.repository';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
export const CBS_CODE_PATTERN = /^\d{4}$/;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/**
 * Creating municipalities and cooperatives is a platform operator's job (the CLI); the API lets
 * members read their own cooperatives and reviewers their municipality.
 */
@Injectable()
export class TenancyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tenancy: TenancyRepository,
    private readonly audit: AuditService,
    private readonly lifecycle: CooperativeLifecycle,
  ) {}

  createMunicipality(name: string, cbsCode: string): Promise<Municipality> {
    if (!CBS_CODE_PATTERN.test(cbsCode)) throw new TenancyError(TenancyErrorCode.InvalidCbsCode, `CBS code must be four digits, e.g. 0150 (got '${cbsCode}')`, 'cbsCode');
    return this.uow.run({ as: 'owner' }, async () => {
      if (await this.tenancy.findMunicipalityByCbsCode(cbsCode)) {
        throw new TenancyError(TenancyErrorCode.CbsCodeTaken, `A municipality with CBS code ${cbsCode} already exists`, 'cbsCode');
      }
      const municipality = await this.tenancy.insertMunicipality({ name, cbsCode });
      await this.audit.record({ action: 'municipality.create', cooperativeId: null, objectType: 'municipality', objectId: municipality.id, details: { name, cbsCode } });
      return municipality;
    });
  }

  createCooperative(input: { municipalityCbsCode: string; slug: string; name: string }): Promise<Cooperative> {
    if (!SLUG_PATTERN.test(input.slug)) {
      throw new TenancyError(TenancyErrorCode.InvalidSlug, `Slug must be lower-case letters, digits and hyphens, e.g. rivierenwijk (got '${input.slug}')`, 'slug');
    }
    return this.uow.run({ as: 'owner' }, async () => {
      const municipality = await this.tenancy.findMunicipalityByCbsCode(input.municipalityCbsCode);
      if (!municipality) throw new TenancyError(TenancyErrorCode.MunicipalityNotFound, `No municipality with CBS code ${input.municipalityCbsCode}`, 'municipality');
      try {
        const cooperative = await this.tenancy.insertCooperative({ municipalityId: municipality.id, slug: input.slug, name: input.name });
        await this.audit.record({ action: 'cooperative.create', cooperativeId: cooperative.id, objectType: 'cooperative', objectId: cooperative.id, details: { slug: input.slug } });
        await this.lifecycle.runCreated(asCooperativeId(cooperative.id));
        return cooperative;
      } catch (error) {
        if (isUniqueViolation(error)) throw new TenancyError(TenancyErrorCode.SlugTaken, `A cooperative with slug '${input.slug}' already exists`, 'slug');
        throw error;
      }
    });
  }

  async requireCooperativeBySlug(slug: string): Promise<Cooperative> {
    const cooperative = await this.uow.run({ as: 'owner' }, () => this.tenancy.findCooperativeBySlug(slug));
    if (!cooperative) throw new TenancyError(TenancyErrorCode.CooperativeNotFound, `No cooperative with slug '${slug}'`, 'cooperative');
    return cooperative;
  }

  async getMunicipalityByCbsCode(cbsCode: string): Promise<{ municipality: Municipality }> {
    const municipality = await this.uow.run({ as: 'owner' }, () => this.tenancy.findMunicipalityByCbsCode(cbsCode));
    if (!municipality) throw new TenancyError(TenancyErrorCode.MunicipalityNotFound, `No municipality with CBS code ${cbsCode}`, 'municipality');
    return { municipality };
  }

  /** The cooperatives the caller holds a role in. */
  async myCooperatives(actor: Actor): Promise<Cooperative[]> {
    return this.uow.run({ userId: asUserId(actor.userId) }, () => this.tenancy.findCooperatives(Object.keys(actor.roles)));
  }

  async getCooperative(cooperativeId: CooperativeId): Promise<Cooperative> {
    const cooperative = await this.tenancy.findCooperative(cooperativeId);
    if (!cooperative) throw new TenancyError(TenancyErrorCode.CooperativeNotFound, 'Cooperative was not found');
    return cooperative;
  }

  async getMunicipality(municipalityId: MunicipalityId): Promise<{ municipality: Municipality; cooperatives: Cooperative[] }> {
    const municipality = await this.tenancy.findMunicipality(municipalityId);
    if (!municipality) throw new TenancyError(TenancyErrorCode.MunicipalityNotFound, 'Municipality was not found');
    return { municipality, cooperatives: await this.tenancy.cooperativesIn(municipalityId) };
  }

  /** Every cooperative of the deployment, for maintenance jobs that visit each tenant. */
  allCooperatives(): Promise<Cooperative[]> {
    return this.uow.run({ as: 'owner' }, () => this.tenancy.allCooperatives());
  }

  async isEmpty(): Promise<boolean> {
    return (await this.uow.run({ as: 'owner' }, () => this.tenancy.countCooperatives())) === 0;
  }
}
