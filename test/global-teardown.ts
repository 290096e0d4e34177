import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { TEMPLATE_ENV, adminQuery } from '@buurtcoop/testing';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[TEMPLATE_ENV.serverUrl];
  const template = process.env[TEMPLATE_ENV.templateName];
  if (serverUrl && template) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  const dumpPath = process.env[TEMPLATE_ENV.dumpPath];
  if (dumpPath) rmSync(dirname(dumpPath), { recursive: true, force: true });
}
