import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { TestRole } from '@buurtcoop/testing';
import { recordCases } from './summary';
import { TenantWorld, createTenantWorld } from './support/tenant-world';

type Schema = { $ref?: string; allOf?: Schema[]; type?: string; format?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; example?: unknown };
interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Route {
  method: string;
  template: string;
}

const ROLES: TestRole[] = ['board', 'treasurer', 'coordinator', 'member', 'municipality_reviewer'];
const TENANT_PARAMS = new Set(['cooperativeId', 'municipalityId']);
/** Path parameters that name no object: a value valid in any cooperative will do. */
const PLAIN_PARAMS: Record<string, string> = { slug: 'geen-cooperatie', year: '2026', type: 'timely_cancellation', month: '2026-11', version: '1' };
const isObjectParam = (name: string) => name === 'id' || (name.endsWith('Id') && !TENANT_PARAMS.has(name));

/** The path segment in front of a parameter names the resource: `bookings` in `/bookings/{id}`. */
function resourceOf(template: string, param: string): string {
  const segments = template.split('/');
  return segments[segments.indexOf(`{${param}}`) - 1];
}

/** A body the validation pipe accepts, made from the route's schema; values stand for nothing in either cooperative. */
function exampleOf(schema: Schema, components: Record<string, Schema>, name = ''): unknown {
  if (schema.$ref) return exampleOf(components[schema.$ref.split('/').pop() as string], components, name);
  if (schema.allOf) return exampleOf(schema.allOf[0], components, name);
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'array') return [exampleOf(schema.items ?? {}, components, name)];
  if (schema.type === 'object' || schema.properties) {
    const body: Record<string, unknown> = {};
    for (const key of schema.required ?? []) body[key] = exampleOf(schema.properties?.[key] ?? {}, components, key);
    return body;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.type === 'number' || schema.type === 'integer') return 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'uuid' || /Id$/.test(name)) return randomUUID();
  if (/iban/i.test(name)) return 'NL91ABNA0417164300';
  if (/(On|Date|From|Through)$/.test(name) || /^(from|through)$/.test(name)) return '2026-11-02';
  return 'Onderzoek naar isolatie';
}

describe('Tenant isolation: every route that names an object', () => {
  let world: TenantWorld;
  let routes: Route[];
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  /** B's rows of every tenant table, as the owner sees them. */
  let snapshot: () => Promise<string>;
  /** Strings that only B's data can contain. */
  let secrets: string[];

  beforeAll(async () => {
    world = await createTenantWorld();
    document = (await request(world.sut.url).get('/api/docs-json').expect(200)).body;
    routes = Object.entries(document.paths).flatMap(([template, operations]) => Object.keys(operations).map((method) => ({ method, template })));
    const tables: Array<{ table_name: string }> = await world.sut.database.dataSource.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'cooperative_id' ORDER BY table_name`,
    );
    snapshot = async () => {
      const parts: string[] = [];
      for (const { table_name: table } of tables) {
        // The audit log grows with every request of A's users, and records them under A.
        const rows = await world.sut.database.dataSource.query(`SELECT * FROM ${table} WHERE cooperative_id = $1 ORDER BY 1`, [world.b.cooperativeId]);
        parts.push(`${table}:${JSON.stringify(rows)}`);
      }
      return parts.join('\n');
    };
    secrets = [world.b.slug, world.b.cooperativeId, world.b.municipalityId, 'Brinkhorst', 'Terpstra', ...Object.values(world.objects)];
  });
  afterAll(() => world.close());

  const pathOf = (route: Route, tenant: { cooperativeId: string; municipalityId: string }, objectOf: (resource: string, param: string) => string | undefined) =>
    route.template.replace(/\{(\w+)\}/g, (_, param: string) => {
      if (param === 'cooperativeId') return tenant.cooperativeId;
      if (param === 'municipalityId') return tenant.municipalityId;
      if (isObjectParam(param)) return objectOf(resourceOf(route.template, param), param) ?? `missing-${param}`;
      return PLAIN_PARAMS[param] ?? `missing-${param}`;
    });

  /** The route's required query parameters, from their schemas. */
  const queryOf = (route: Route): Record<string, string> =>
    Object.fromEntries(
      (document.paths[route.template][route.method].parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => [p.name, String(exampleOf(p.schema ?? {}, document.components.schemas, p.name))]),
    );

  const bodyOf = (route: Route): object | undefined => {
    const content = document.paths[route.template][route.method].requestBody?.content;
    const schema = content?.['application/json']?.schema;
    return schema ? (exampleOf(schema, document.components.schemas) as object) : undefined;
  };

  async function send(route: Route, path: string, role: TestRole, body: object | undefined): Promise<Response> {
    const call = (request(world.sut.url) as unknown as Record<string, (url: string) => request.Test>)[route.method](path).query(queryOf(route)).set('authorization', `Bearer ${await world.a.token(role)}`);
    return body === undefined ? call : call.send(body);
  }

  /** What leaks from B into an answer: any of B's strings that the request did not itself carry. */
  const leaked = (response: Response, path: string) => {
    const text = response.text ?? '';
    return secrets.filter((secret) => !path.includes(secret) && text.includes(secret));
  };

  it("has an object of B for every id parameter of every route, so no resource type escapes the matrix", () => {
    const missing = new Set<string>();
    for (const route of routes) {
      for (const [, param] of route.template.matchAll(/\{(\w+)\}/g)) {
        if (isObjectParam(param) && !world.objects[resourceOf(route.template, param)]) missing.add(`${resourceOf(route.template, param)} (${route.method.toUpperCase()} ${route.template})`);
        if (!isObjectParam(param) && !TENANT_PARAMS.has(param) && !(param in PLAIN_PARAMS)) missing.add(`plain parameter ${param} (${route.template})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("answers 404 to A's users who name B's objects in A, changes nothing of B's, and shows none of B's data", async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    let tried = 0;
    const objectRoutes = routes.filter((route) => [...route.template.matchAll(/\{(\w+)\}/g)].some(([, param]) => isObjectParam(param)));
    for (const route of objectRoutes) {
      const foreign = pathOf(route, world.a, (resource) => world.objects[resource]);
      // The same route with ids that exist nowhere: B's ids must be answered exactly like these.
      const nowhere = pathOf(route, world.a, () => randomUUID());
      const body = bodyOf(route);
      for (const role of ROLES) {
        const [probe, response] = [await send(route, nowhere, role, body), await send(route, foreign, role, body)];
        tried++;
        const what = `${route.method.toUpperCase()} ${route.template} as ${role}`;
        // A role the route is closed to is refused before any lookup, for every id alike: that tells nothing about B.
        const expected = probe.status === 403 && probe.body?.code === 'permission_denied' ? 403 : 404;
        if (response.status !== probe.status) wrong.push(`${what}: ${response.status} for B's ids, ${probe.status} for ids of nobody`);
        else if (response.status !== expected) wrong.push(`${what}: ${response.status} (expected ${expected}) ${response.text.slice(0, 200)}`);
        else if (response.status >= 400 && !/application\/problem\+json/.test(String(response.headers['content-type']))) wrong.push(`${what}: not problem+json`);
        const leaks = leaked(response, foreign);
        if (leaks.length > 0) wrong.push(`${what}: body shows ${leaks.join(', ')}`);
      }
    }
    const changed = (await snapshot()) !== before;
    recordCases('isolation', "A's users naming B's objects", { tried, failed: wrong.length + (changed ? 1 : 0) });
    expect(wrong).toEqual([]);
    expect(changed).toBe(false);
  });

  it("answers 404 to A's users who name cooperative or municipality B itself, on every route", async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    let tried = 0;
    // Public routes (donation checkout, sign-up) serve every cooperative to anyone by design.
    const tenantRoutes = routes.filter((route) => /\{(cooperativeId|municipalityId)\}/.test(route.template) && document.paths[route.template][route.method].security);
    for (const route of tenantRoutes) {
      const path = pathOf(route, world.b, (resource) => world.objects[resource]);
      const body = bodyOf(route);
      for (const role of ROLES) {
        const response = await send(route, path, role, body);
        tried++;
        const what = `${route.method.toUpperCase()} ${route.template} as ${role}`;
        if (response.status !== 404) wrong.push(`${what}: ${response.status} ${response.text.slice(0, 200)}`);
        const leaks = leaked(response, path);
        if (leaks.length > 0) wrong.push(`${what}: body shows ${leaks.join(', ')}`);
      }
    }
    const changed = (await snapshot()) !== before;
    recordCases('isolation', "A's users naming tenant B", { tried, failed: wrong.length + (changed ? 1 : 0) });
    expect(wrong).toEqual([]);
    expect(changed).toBe(false);
  });
});
