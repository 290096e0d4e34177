import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { EmbeddedPostgres } from '@buurtcoop/core';

/** Set by test/global-setup.ts: a migrated template to copy for each test file. */
export const TEMPLATE_ENV = {
  /** Real PostgreSQL: URL of the server's maintenance database (from TEST_DATABASE_URL). */
  serverUrl: 'BUURTCOOP_TEST_SERVER_URL',
  /** Real PostgreSQL: name of the migrated template database. */
  templateName: 'BUURTCOOP_TEST_TEMPLATE_DB',
  /** Embedded: path of the migrated PGlite data-dir dump. */
  dumpPath: 'BUURTCOOP_TEST_TEMPLATE_DUMP',
} as const;

export interface TestDatabase {
  url: string;
  kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

/** Only databases whose name says so may be created from the template and dropped again. */
export function assertTestDatabaseName(name: string): void {
  if (!/^buurtcoop_(test|tpl)_[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to reset or drop '${name}': not a test database (expected buurtcoop_test_… or buurtcoop_tpl_…)`);
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file: a copy of the template made in global set-up. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[TEMPLATE_ENV.serverUrl];
  if (serverUrl) {
    const template = process.env[TEMPLATE_ENV.templateName] as string;
    const name = `buurtcoop_test_${randomBytes(6).toString('hex')}`;
    assertTestDatabaseName(name);
    assertTestDatabaseName(template);
    await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    return {
      url: databaseUrl(serverUrl, name),
      kind: 'postgres',
      drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dumpPath = process.env[TEMPLATE_ENV.dumpPath];
  if (!dumpPath) throw new Error('No test template: run the tests through jest (test/global-setup.ts prepares it)');
  const embedded = await EmbeddedPostgres.start({ loadDataDir: new Blob([readFileSync(dumpPath)]) });
  return { url: embedded.url, kind: 'embedded', drop: () => embedded.stop() };
}
