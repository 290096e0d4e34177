import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { SchemaPart, mergeSchema } from './schema';

/**
 * How long a request waits for a free connection. With a pool of one (the embedded database is one session)
 * every request and job takes the connection in turn, so a request may queue behind a whole chunk of a dues
 * run or an import.
 */
const CONNECTION_WAIT_MS = { pool: 10_000, single: 120_000 };

export function dataSourceOptions(url: string, config: Pick<AppConfig, 'databasePoolSize'>, parts: SchemaPart[]): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ...mergeSchema(parts),
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations, never on connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    // Each migration in its own transaction: a failed one leaves the earlier ones applied.
    migrationsTransactionMode: 'each',
    extra: {
      max: config.databasePoolSize,
      connectionTimeoutMillis: config.databasePoolSize > 1 ? CONNECTION_WAIT_MS.pool : CONNECTION_WAIT_MS.single,
      // Returned as strings by pg; money columns are read through parseCents, ids stay strings.
      application_name: 'buurtcoop',
    },
  };
}

export async function createDataSource(url: string, config: Pick<AppConfig, 'databasePoolSize'>, parts: SchemaPart[]): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, config, parts)).initialize();
}
