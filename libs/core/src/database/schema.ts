import { MixedList } from 'typeorm';
import { Municipality } from '../tenancy/entities/municipality.entity';
import { Cooperative } from '../tenancy/entities/cooperative.entity';
import { User } from '../auth/entities/user.entity';
import { RoleAssignment } from '../auth/entities/role-assignment.entity';
import { MunicipalityReviewer } from '../auth/entities/municipality-reviewer.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { ActivationToken } from '../auth/entities/activation-token.entity';
import { OutboxMessage } from '../mail/entities/outbox-message.entity';
import { CORE_MIGRATIONS } from './migrations';

/** A lib's share of the database: the entities it maps and the migrations that create them. */
export interface SchemaPart {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

export const CORE_SCHEMA: SchemaPart = {
  entities: [Municipality, Cooperative, User, RoleAssignment, MunicipalityReviewer, RefreshToken, AuditEvent, ActivationToken, OutboxMessage],
  migrations: CORE_MIGRATIONS,
};

export function mergeSchema(parts: SchemaPart[]): { entities: MixedList<Function>; migrations: MixedList<Function> } {
  return { entities: parts.flatMap((p) => p.entities), migrations: migrationsInOrder(parts) };
}

const timestampOf = (migration: Function) => Number(/(\d{13})$/.exec(migration.name)?.[1] ?? 0);

/**
 * Every lib's migrations in the order they run: by the timestamp in their name, so a lib may add a
 * migration later than another lib's (the membership view finance reads came after the ledger).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function migrationsInOrder(parts: SchemaPart[]): Function[] {
  return parts.flatMap((p) => p.migrations).sort((a, b) => timestampOf(a) - timestampOf(b));
}
