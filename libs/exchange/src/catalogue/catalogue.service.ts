import { Injectable } from '@nestjs/common';
import { AuditService, CooperativeId } from '@buurtcoop/core';
import { ExchangeError, ExchangeErrorCode } from '../exchange.errors';
import { CatalogueRepository } from './catalogue.repository';
import { ServiceCategory } from './entities/service-category.entity';
import { ExchangePolicy } from '../policy/entities/exchange-policy.entity';
import { UpdateCategoryDto, UpdatePolicyDto } from './dto/catalogue.dto';

@Injectable()
export class CatalogueService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly audit: AuditService,
  ) {}

  setUp(cooperativeId: CooperativeId): Promise<void> {
    return this.catalogue.seedDefaults(cooperativeId);
  }

  list(cooperativeId: CooperativeId): Promise<ServiceCategory[]> {
    return this.catalogue.list(cooperativeId);
  }

  async get(cooperativeId: CooperativeId, id: string, field?: string): Promise<ServiceCategory> {
    const category = await this.catalogue.find(cooperativeId, id);
    if (!category) throw new ExchangeError(ExchangeErrorCode.CategoryNotFound, 'This service category does not exist in the cooperative', field);
    return category;
  }

  async update(cooperativeId: CooperativeId, id: string, dto: UpdateCategoryDto): Promise<ServiceCategory> {
    const current = await this.get(cooperativeId, id);
    const next = { ...current, ...dto };
    if (next.minRateCents > next.maxRateCents) throw new ExchangeError(ExchangeErrorCode.RateOutOfBounds, 'minRateCents must not exceed maxRateCents', 'minRateCents');
    if (next.pricing === 'free' && next.maxRateCents !== 0) throw new ExchangeError(ExchangeErrorCode.RateOutOfBounds, 'A free service has no rate: set both bounds to 0', 'maxRateCents');
    await this.catalogue.update(cooperativeId, id, dto);
    await this.audit.record({ action: 'category.update', objectType: 'service_category', objectId: id, details: { fields: Object.keys(dto) } });
    return this.get(cooperativeId, id);
  }

  policy(cooperativeId: CooperativeId): Promise<ExchangePolicy> {
    return this.catalogue.policy(cooperativeId);
  }

  async updatePolicy(cooperativeId: CooperativeId, dto: UpdatePolicyDto): Promise<ExchangePolicy> {
    await this.catalogue.updatePolicy(cooperativeId, dto);
    await this.audit.record({ action: 'exchange_policy.update', objectType: 'exchange_policy', objectId: cooperativeId, details: { ...dto } });
    return this.catalogue.policy(cooperativeId);
  }
}
