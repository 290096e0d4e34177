import { CORE_SCHEMA, SchemaPart } from '@buurtcoop/core';

/** Every lib's entities and migrations, in dependency order. */
export const SCHEMA: SchemaPart[] = [CORE_SCHEMA];
