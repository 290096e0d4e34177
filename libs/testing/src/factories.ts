import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { CooperativeRole, TenancyService, UsersService, asCooperativeId, asMunicipalityId } from '@buurtcoop/core';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export type TestRole = CooperativeRole | 'municipality_reviewer';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export interface TestCooperative {
  cooperativeId: string;
  municipalityId: string;
  slug: string;
  users: Record<TestRole, TestUser>;
  /** Logs in over HTTP and returns the access token. */
  token(role: TestRole): Promise<string>;
}

let cbsCounter = Math.floor(Math.random() * 5000) + 1000;

/**
 * A fresh municipality and cooperative with one user per role, made through the real services,
 * so each test file works on its own tenant.
 */
export async function createTestCooperative(testApp: TestApp, label = 'test'): Promise<TestCooperative> {
  const tenancy = testApp.app.get(TenancyService);
  const users = testApp.app.get(UsersService);
  const suffix = randomBytes(4).toString('hex');
  const cbsCode = String(cbsCounter++ % 10000).padStart(4, '0');
  const municipality = await tenancy.createMunicipality(`Gemeente ${label} ${suffix}`, cbsCode);
  const cooperative = await tenancy.createCooperative({ municipalityCbsCode: cbsCode, slug: `${label}-${suffix}`, name: `Buurtcoöperatie ${label} ${suffix}` });
  const roles: TestRole[] = ['board', 'treasurer', 'coordinator', 'member', 'municipality_reviewer'];
  const created = {} as Record<TestRole, TestUser>;
  for (const role of roles) {
    const email = `${role.replace('_', '-')}-${suffix}@${label}.example`;
    const user = await users.createUser({ email, displayName: `${role} ${suffix}`, password: TEST_PASSWORD });
    if (role === 'municipality_reviewer') await users.addReviewerAsOperator(asMunicipalityId(municipality.id), email);
    else await users.grantAsOperator(asCooperativeId(cooperative.id), email, role);
    created[role] = { id: user.id, email, password: TEST_PASSWORD };
  }
  const tokens = new Map<TestRole, string>();
  return {
    cooperativeId: cooperative.id,
    municipalityId: municipality.id,
    slug: cooperative.slug,
    users: created,
    async token(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const token = await login(testApp, created[role].email, created[role].password);
      tokens.set(role, token);
      return token;
    },
  };
}

export async function login(testApp: TestApp, email: string, password: string): Promise<string> {
  const response = await request(testApp.url).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`Login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}
