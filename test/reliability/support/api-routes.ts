import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { UnitOfWork } from '@buurtcoop/core';
import { TestApp, TestCooperative, bearer } from '@buurtcoop/testing';

/** The part of an OpenAPI schema object the reliability suite reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  /** Path placeholders, whether or not the document declares them as parameters. */
  pathParams: string[];
  query: ApiParameter[];
  /** Media types of the request body, and its schema with every `$ref` resolved. */
  body?: { contentTypes: string[]; schema: Schema };
  /** No security requirement: open to anonymous callers. */
  isPublic: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: ApiParameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Resolves `$ref`s (and a single-member `allOf`) so generators see plain schemas. */
function resolve(doc: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 8) return { type: 'object' };
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
  if (schema.allOf?.length === 1) return resolve(doc, { ...schema.allOf[0], ...schema, allOf: undefined }, depth + 1);
  const resolved: Schema = { ...schema };
  if (schema.items) resolved.items = resolve(doc, schema.items, depth + 1);
  if (schema.properties) resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
  return resolved;
}

/** Every operation of the API as /api/docs-json describes it. */
export async function apiRoutes(sut: TestApp): Promise<ApiRoute[]> {
  const doc = (await request(sut.url).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = operations[method];
      if (!op) continue;
      const content = op.requestBody?.content;
      routes.push({
        method,
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ ...p, required: p.required === true, schema: resolve(doc, p.schema ?? { type: 'string' }) })),
        body: content ? { contentTypes: Object.keys(content), schema: resolve(doc, Object.values(content)[0].schema) } : undefined,
        isPublic: !op.security || op.security.length === 0,
      });
    }
  }
  return routes;
}

/** Routes that take an uploaded file rather than JSON. */
export function takesUpload(route: ApiRoute): boolean {
  return (route.body?.contentTypes ?? []).some((type) => /multipart|csv|xml|octet-stream|text\/plain/.test(type));
}

export function routeName(route: ApiRoute): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

export type Caller = { authorization: string } | Record<string, never>;
export type Callers = Record<'board' | 'treasurer' | 'member' | 'reviewer', { authorization: string }>;

/**
 * Who may use a route, so that validation rather than authorisation answers: anonymous for public routes, the
 * reviewer for a municipality's, the member for their own (`me`, `mine`); otherwise the board, or the treasurer
 * where the board lacks the permission. The probe breaks every other path parameter, so the guard answers and
 * nothing runs.
 */
async function callerFor(sut: TestApp, route: ApiRoute, known: Record<string, string>, callers: Callers): Promise<Caller> {
  if (route.isPublic) return {};
  if (route.pathParams.includes('municipalityId')) return callers.reviewer;
  if (/\/(me|mine)(\/|$)/.test(route.path)) return callers.member;
  const probePath = fillPath(route.path, Object.fromEntries(route.pathParams.map((p) => [p, known[p] ?? 'x'])));
  const probe = await request(sut.url)[route.method](probePath).set(callers.board).send({ '\u0000probe': 1 });
  return probe.status === 403 ? callers.treasurer : callers.board;
}

export interface RoutesToFuzz {
  routes: ApiRoute[];
  /** Per route (routeName), who calls it. */
  callers: Map<string, Caller>;
  /** Path parameter values that name the cooperative's own objects. */
  known: Record<string, string>;
}

/** The routes of the document that pass `filter`, each with the caller allowed to use it. */
export async function routesToFuzz(sut: TestApp, coop: TestCooperative, filter: (route: ApiRoute) => boolean, memberToken?: string): Promise<RoutesToFuzz> {
  const known = { cooperativeId: coop.cooperativeId, municipalityId: coop.municipalityId, slug: coop.slug };
  const tokens: Callers = {
    board: bearer(await coop.token('board')),
    treasurer: bearer(await coop.token('treasurer')),
    member: bearer(memberToken ?? (await coop.token('member'))),
    reviewer: bearer(await coop.token('municipality_reviewer')),
  };
  const routes = (await apiRoutes(sut)).filter(filter);
  const callers = new Map<string, Caller>();
  for (const route of routes) callers.set(routeName(route), await callerFor(sut, route, known, tokens));
  return { routes, callers, known };
}

/** A value the document calls valid for a path placeholder, by the placeholder's name. */
export function pathValue(name: string, known: Record<string, string>): string {
  if (known[name]) return known[name];
  if (name === 'year') return '2026';
  if (name === 'version') return '1';
  if (name === 'month') return '2026-11';
  if (name === 'type') return 'invoice_payment';
  return randomUUID();
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => percentEncode(values[name]));
}

/**
 * Row counts of every table in every schema, read as the owner so row-level security hides nothing.
 * One statement, so the counts are one consistent snapshot.
 */
export async function tableRowCounts(sut: TestApp): Promise<Record<string, number>> {
  const uow = sut.app.get(UnitOfWork);
  return uow.run({ as: 'owner' }, async () => {
    const tables = await uow.rows<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const counts = await uow.rows<{ t: string; n: number }>(tables.map((t) => `SELECT '${t.schema}.${t.name}' AS t, count(*)::int AS n FROM "${t.schema}"."${t.name}"`).join(' UNION ALL '));
    return Object.fromEntries(counts.map((c) => [c.t, c.n]));
  });
}

/** The tables whose row count differs between two snapshots, with both counts. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): Record<string, [number, number]> {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...names].filter((n) => before[n] !== after[n]).map((n) => [n, [before[n], after[n]]]));
}

/**
 * What is wrong with a response to input the product should have refused or accepted cleanly:
 * a 5xx, or a 4xx that is not an RFC 9457 problem with a code. Undefined when nothing is.
 */
export function problemDefect(response: request.Response): string | undefined {
  // Card payments on an installation without Stripe: the product's answer to its configuration, not to the input.
  if (response.status === 503 && response.body?.code === 'payments_not_configured') return undefined;
  if (response.status >= 500) return `answered ${response.status}`;
  if (response.status < 400) return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `answered ${response.status} as ${type || 'no content type'}, not problem+json`;
  const body = response.body as { status?: unknown; title?: unknown; detail?: unknown; code?: unknown };
  if (body.status !== response.status) return `problem status ${String(body.status)} differs from HTTP ${response.status}`;
  if (typeof body.title !== 'string' && typeof body.detail !== 'string') return `problem ${response.status} has neither title nor detail`;
  if (typeof body.code !== 'string') return `problem ${response.status} has no code (${String(body.detail ?? body.title)})`;
  return undefined;
}
