import { ApiProperty } from '@nestjs/swagger';
import { Cooperative } from '../entities/cooperative.entity';
import { Municipality } from '../entities/municipality.entity';

export class CooperativeResponse {
  @ApiProperty({ description: 'Cooperative id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Short name used in URLs and on the command line', example: 'rivierenwijk' })
  slug: string;

  @ApiProperty({ description: 'Name of the cooperative', example: 'Buurtcoöperatie Rivierenwijk' })
  name: string;

  @ApiProperty({ description: 'Municipality the cooperative belongs to', format: 'uuid' })
  municipalityId: string;
}

export function mapCooperative(c: Cooperative): CooperativeResponse {
  return { id: c.id, slug: c.slug, name: c.name, municipalityId: c.municipalityId };
}

export class MunicipalityResponse {
  @ApiProperty({ description: 'Municipality id', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Name of the municipality', example: 'Deventer' })
  name: string;

  @ApiProperty({ description: 'CBS gemeentecode (four digits)', example: '0150' })
  cbsCode: string;

  @ApiProperty({ description: 'Cooperatives in this municipality', type: [CooperativeResponse] })
  cooperatives: CooperativeResponse[];
}

export function mapMunicipality(m: Municipality, cooperatives: Cooperative[]): MunicipalityResponse {
  return { id: m.id, name: m.name, cbsCode: m.cbsCode, cooperatives: cooperatives.map(mapCooperative) };
}
