import { SchemaPart } from '@buurtcoop/core';
import { OBLIGATIONS_MIGRATIONS } from './migrations';
import { Obligation, ObligationEvent, ObligationPolicy } from './entities/obligation.entity';

export const OBLIGATIONS_SCHEMA: SchemaPart = {
  entities: [ObligationPolicy, Obligation, ObligationEvent],
  migrations: OBLIGATIONS_MIGRATIONS,
};
