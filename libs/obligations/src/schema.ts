import { SchemaPart } from '@buurtcoop/core';
import { OBLIGATIONS_MIGRATIONS } from './migrations';
import { Obligation, ObligationEvent, ObligationPolicy } from './entities/obligation.entity';
import { ParticipationAgreement } from './participation/entities/participation-agreement.entity';

export const OBLIGATIONS_SCHEMA: SchemaPart = {
  entities: [ObligationPolicy, Obligation, ObligationEvent, ParticipationAgreement],
  migrations: OBLIGATIONS_MIGRATIONS,
};
