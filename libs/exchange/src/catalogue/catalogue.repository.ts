import { Injectable } from '@nestjs/common';
import { CooperativeId, UnitOfWork } from '@buurtcoop/core';
import { ServiceCategory } from './entities/service-category.entity';
import { ExchangePolicy } from '../policy/entities/exchange-policy.entity';

type CategorySeed = Omit<ServiceCategory, 'cooperativeId' | 'id' | 'active' | 'cooperative'>;

/** The catalogue a new cooperative starts with (amounts in cents; the board adjusts them). */
export const DEFAULT_CATEGORIES: readonly CategorySeed[] = [
  { code: 'klussen', name: 'Klussen', requiresVog: false, defaultDurationMinutes: 60, pricing: 'hourly', minRateCents: 0, maxRateCents: 1500, contributionApplies: true, reducedContributionCents: 250 },
  { code: 'boodschappen', name: 'Boodschappen', requiresVog: true, defaultDurationMinutes: 60, pricing: 'fixed', minRateCents: 0, maxRateCents: 600, contributionApplies: true, reducedContributionCents: 150 },
  { code: 'vervoer', name: 'Vervoer', requiresVog: true, defaultDurationMinutes: 90, pricing: 'fixed', minRateCents: 0, maxRateCents: 1000, contributionApplies: true, reducedContributionCents: 250 },
  { code: 'huiswerkbegeleiding', name: 'Huiswerkbegeleiding', requiresVog: true, defaultDurationMinutes: 60, pricing: 'hourly', minRateCents: 0, maxRateCents: 1500, contributionApplies: true, reducedContributionCents: 300 },
  { code: 'kinderopvang', name: 'Kinderopvang', requiresVog: true, defaultDurationMinutes: 120, pricing: 'hourly', minRateCents: 0, maxRateCents: 1500, contributionApplies: true, reducedContributionCents: 400 },
  { code: 'gezelschap', name: 'Gezelschap', requiresVog: true, defaultDurationMinutes: 60, pricing: 'free', minRateCents: 0, maxRateCents: 0, contributionApplies: false, reducedContributionCents: null },
  { code: 'tuin', name: 'Tuin', requiresVog: false, defaultDurationMinutes: 120, pricing: 'hourly', minRateCents: 0, maxRateCents: 1500, contributionApplies: true, reducedContributionCents: 250 },
  { code: 'zonnepanelen', name: 'Onderhoud zonnepanelen', requiresVog: false, defaultDurationMinutes: 90, pricing: 'fixed', minRateCents: 2500, maxRateCents: 7500, contributionApplies: true, reducedContributionCents: null },
  { code: 'buurtwacht', name: 'Buurtwacht', requiresVog: true, defaultDurationMinutes: 120, pricing: 'free', minRateCents: 0, maxRateCents: 0, contributionApplies: false, reducedContributionCents: null },
];

@Injectable()
export class CatalogueRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async seedDefaults(cooperativeId: CooperativeId): Promise<void> {
    await this.uow.rows(
      `INSERT INTO service_categories (cooperative_id, code, name, requires_vog, default_duration_minutes, pricing, min_rate_cents, max_rate_cents, contribution_applies, reduced_contribution_cents)
       SELECT $1, c.code, c.name, c.requires_vog, c.default_duration_minutes, c.pricing, c.min_rate_cents, c.max_rate_cents, c.contribution_applies, c.reduced_contribution_cents
         FROM jsonb_to_recordset($2::jsonb) AS c(code text, name text, requires_vog boolean, default_duration_minutes int, pricing text,
                                                 min_rate_cents bigint, max_rate_cents bigint, contribution_applies boolean, reduced_contribution_cents bigint)
       ON CONFLICT (cooperative_id, code) DO NOTHING`,
      [
        cooperativeId,
        JSON.stringify(
          DEFAULT_CATEGORIES.map((c) => ({
            code: c.code,
            name: c.name,
            requires_vog: c.requiresVog,
            default_duration_minutes: c.defaultDurationMinutes,
            pricing: c.pricing,
            min_rate_cents: c.minRateCents,
            max_rate_cents: c.maxRateCents,
            contribution_applies: c.contributionApplies,
            reduced_contribution_cents: c.reducedContributionCents,
          })),
        ),
      ],
    );
    await this.uow.rows(`INSERT INTO exchange_policies (cooperative_id) VALUES ($1) ON CONFLICT DO NOTHING`, [cooperativeId]);
  }

  list(cooperativeId: CooperativeId): Promise<ServiceCategory[]> {
    return this.uow.manager().getRepository(ServiceCategory).find({ where: { cooperativeId }, order: { name: 'ASC' } });
  }

  find(cooperativeId: CooperativeId, id: string): Promise<ServiceCategory | null> {
    return this.uow.manager().getRepository(ServiceCategory).findOneBy({ cooperativeId, id });
  }

  async update(cooperativeId: CooperativeId, id: string, patch: Partial<ServiceCategory>): Promise<void> {
    if (Object.keys(patch).length > 0) await this.uow.manager().getRepository(ServiceCategory).update({ cooperativeId, id }, patch);
  }

  async policy(cooperativeId: CooperativeId): Promise<ExchangePolicy> {
    await this.uow.rows(`INSERT INTO exchange_policies (cooperative_id) VALUES ($1) ON CONFLICT DO NOTHING`, [cooperativeId]);
    return (await this.uow.manager().getRepository(ExchangePolicy).findOneBy({ cooperativeId })) as ExchangePolicy;
  }

  async updatePolicy(cooperativeId: CooperativeId, patch: Partial<ExchangePolicy>): Promise<void> {
    await this.policy(cooperativeId);
    if (Object.keys(patch).length > 0) await this.uow.manager().getRepository(ExchangePolicy).update({ cooperativeId }, patch);
  }
}
