import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, EmbeddedPostgres, loadConfig } from '@buurtcoop/core';
import { SCHEMA } from '@buurtcoop/platform';
import { TEMPLATE_ENV, adminQuery, assertTestDatabaseName, databaseUrl } from '@buurtcoop/testing';

/**
 * Migrates one template database; every test file then starts from a copy of it, which is far
 * faster than migrating (and, embedded, running initdb) per file.
 */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `buurtcoop_tpl_${process.pid}`;
    assertTestDatabaseName(template);
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(serverUrl, template), JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
    const database = await Database.open(config, SCHEMA);
    await database.migrate();
    await database.close();
    process.env[TEMPLATE_ENV.serverUrl] = serverUrl;
    process.env[TEMPLATE_ENV.templateName] = template;
    return;
  }
  const embedded = await EmbeddedPostgres.start();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: embedded.url, JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
  config.databasePoolSize = 1;
  const database = await Database.open(config, SCHEMA);
  await database.migrate();
  await database.dataSource.destroy();
  const dump = await embedded.dump();
  await embedded.stop();
  const dir = mkdtempSync(join(tmpdir(), 'buurtcoop-test-'));
  const dumpPath = join(dir, 'template.tar.gz');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  process.env[TEMPLATE_ENV.dumpPath] = dumpPath;
}
