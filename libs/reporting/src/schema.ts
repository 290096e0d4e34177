import { SchemaPart } from '@buurtcoop/core';
import { REPORTING_MIGRATIONS } from './migrations';

export const REPORTING_SCHEMA: SchemaPart = {
  entities: [],
  migrations: REPORTING_MIGRATIONS,
};
