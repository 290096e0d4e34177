import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { EmbeddedPostgres } from './embedded-postgres';
import { createDataSource } from './data-source';
import { SchemaPart } from './schema';

/** The running database: a real server from DATABASE_URL, or the embedded one in DATA_DIR. */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  static async open(config: AppConfig, parts: SchemaPart[], log: (message: string) => void = () => undefined): Promise<Database> {
    let embedded: EmbeddedPostgres | undefined;
    let url = config.databaseUrl;
    if (!url) {
      const dataDir = join(config.dataDir, 'pglite');
      log(`No DATABASE_URL: using the embedded PostgreSQL in ${dataDir}`);
      embedded = await EmbeddedPostgres.start({ dataDir });
      url = embedded.url;
    }
    try {
      return new Database(await createDataSource(url, config, parts), embedded);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  async migrate(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
