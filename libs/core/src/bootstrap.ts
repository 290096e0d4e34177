import { Logger } from 'pino';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { Database } from './database/database';
import { SchemaPart } from './database/schema';
import { createRootLogger } from './observability/logger';

export interface Started {
  config: AppConfig;
  logger: Logger;
  database: Database;
}

/**
 * What every process does first: read the configuration (stopping with a message that names the bad
 * variable), open the database and bring its schema up to date.
 */
export async function openForProcess(schema: SchemaPart[], options: { migrate: boolean } = { migrate: true }): Promise<Started> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config);
  let database: Database;
  try {
    database = await Database.open(config, schema, (message) => logger.info(message));
  } catch (error) {
    logger.fatal({ err: error }, `Cannot open the database: ${(error as Error).message}`);
    process.exit(1);
  }
  if (options.migrate) {
    const applied = await database.migrate();
    if (applied.length > 0) logger.info({ migrations: applied }, `Applied ${applied.length} migration(s)`);
  }
  return { config, logger, database };
}
