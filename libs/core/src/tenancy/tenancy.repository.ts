import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { CooperativeId, MunicipalityId } from './ids';
import { Cooperative } from './entities/cooperative.entity';
import { Municipality } from './entities/municipality.entity';

/** Municipalities and cooperatives: the platform's own tables, not owned by a tenant. */
@Injectable()
export class TenancyRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async insertMunicipality(values: Pick<Municipality, 'name' | 'cbsCode'>): Promise<Municipality> {
    const [row] = await this.uow.rows<{ id: string }>(`INSERT INTO municipalities (name, cbs_code) VALUES ($1, $2) RETURNING id`, [values.name, values.cbsCode]);
    return (await this.findMunicipality(row.id as MunicipalityId)) as Municipality;
  }

  findMunicipality(id: MunicipalityId): Promise<Municipality | null> {
    return this.uow.manager().getRepository(Municipality).findOneBy({ id });
  }

  findMunicipalityByCbsCode(cbsCode: string): Promise<Municipality | null> {
    return this.uow.manager().getRepository(Municipality).findOneBy({ cbsCode });
  }

  async insertCooperative(values: Pick<Cooperative, 'municipalityId' | 'slug' | 'name'>): Promise<Cooperative> {
    const [row] = await this.uow.rows<{ id: string }>(`INSERT INTO cooperatives (municipality_id, slug, name) VALUES ($1, $2, $3) RETURNING id`, [values.municipalityId, values.slug, values.name]);
    return (await this.findCooperative(row.id as CooperativeId)) as Cooperative;
  }

  findCooperative(id: CooperativeId): Promise<Cooperative | null> {
    return this.uow.manager().getRepository(Cooperative).findOneBy({ id });
  }

  findCooperativeBySlug(slug: string): Promise<Cooperative | null> {
    return this.uow.manager().getRepository(Cooperative).findOneBy({ slug });
  }

  findCooperatives(ids: string[]): Promise<Cooperative[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.uow.manager().getRepository(Cooperative).find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }

  allCooperatives(): Promise<Cooperative[]> {
    return this.uow.manager().getRepository(Cooperative).find({ order: { slug: 'ASC' } });
  }

  cooperativesIn(municipalityId: MunicipalityId): Promise<Cooperative[]> {
    return this.uow.manager().getRepository(Cooperative).find({ where: { municipalityId }, order: { name: 'ASC' } });
  }

  async countCooperatives(): Promise<number> {
    return this.uow.manager().getRepository(Cooperative).count();
  }
}
