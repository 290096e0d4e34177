import { CORE_SCHEMA, SchemaPart } from '@buurtcoop/core';
import { EXCHANGE_SCHEMA } from '@buurtcoop/exchange';
import { FINANCE_SCHEMA } from '@buurtcoop/finance';
import { MEMBERSHIP_SCHEMA } from '@buurtcoop/membership';
import { OBLIGATIONS_SCHEMA } from '@buurtcoop/obligations';
import { REPORTING_SCHEMA } from '@buurtcoop/reporting';

/** Every lib's entities and migrations, in dependency order. */
export const SCHEMA: SchemaPart[] = [CORE_SCHEMA, MEMBERSHIP_SCHEMA, EXCHANGE_SCHEMA, FINANCE_SCHEMA, REPORTING_SCHEMA, OBLIGATIONS_SCHEMA];
