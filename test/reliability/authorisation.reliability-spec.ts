import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { TestApp, bearer, createTestApp } from '@buurtcoop/testing';
import { ACTORS, AUTHORISATION_MATRIX, MatrixActor, MatrixRow, Outcome } from './authorisation-matrix';
import { World, createWorld } from './support/world';
import { recordCases } from './summary';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** What the guard decided, read from the status and the problem code; anything else is the handler's answer. */
function outcomeOf(response: Response): Outcome {
  const code = response.body?.code as string | undefined;
  if (response.status === 401 && (code === 'not_authenticated' || code === 'token_invalid')) return '401';
  if (response.status === 403 && (code === 'permission_denied' || code === 'route_not_declared')) return '403';
  if (response.status === 404 && code === 'not_found' && /^(Cooperative|Municipality) was not found$/.test(response.body.detail)) return '404';
  return 'allow';
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('Authorisation matrix: every route × every kind of caller', () => {
  let sut: TestApp;
  let world: World;
  let routes: Set<string>;

  beforeAll(async () => {
    sut = await createTestApp();
    world = await createWorld(sut, 'matrix');
    const doc = await request(sut.url).get('/api/docs-json').expect(200);
    routes = new Set(
      Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
        METHODS.filter((method) => method in operations).map((method) => key(method, path)),
      ),
    );
  });
  afterAll(() => sut.close());

  it('has a row for every route of the OpenAPI document, and a route for every row', () => {
    const rows = AUTHORISATION_MATRIX.map((row) => key(row.method, row.path));
    const duplicated = rows.filter((row, i) => rows.indexOf(row) !== i);
    const missing = [...routes].filter((route) => !rows.includes(route)).sort();
    const stale = rows.filter((row) => !routes.has(row)).sort();
    expect({ missing, stale, duplicated }).toEqual({ missing: [], stale: [], duplicated: [] });
  });

  /** A concrete path: the tenant of A for every caller (B's board and reviewer try A's), a fresh UUID for objects. */
  function pathOf(row: MatrixRow): string {
    const values: Record<string, string> = {
      cooperativeId: world.a.cooperativeId,
      municipalityId: world.a.municipalityId,
      slug: world.a.slug,
      year: '2026',
      version: '1',
      month: '2026-01',
      type: 'invoice_payment',
    };
    return row.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? randomUUID());
  }

  it('answers every route as the matrix says, for every caller', async () => {
    const tokenOf = (actor: MatrixActor): string | undefined => (actor === 'anonymous' ? undefined : world.tokens[actor]);
    // Reads first, then writes; each write gets an empty body and fresh object ids, so none of them
    // changes what a later case sees.
    const ordered = [...AUTHORISATION_MATRIX].sort((x, y) => Number(x.method !== 'GET') - Number(y.method !== 'GET'));
    const mismatches: string[] = [];
    let tried = 0;
    for (const row of ordered) {
      for (const actor of ACTORS) {
        const call = request(sut.url)[row.method.toLowerCase() as (typeof METHODS)[number]](pathOf(row));
        const token = tokenOf(actor);
        if (token) call.set(bearer(token));
        const response = row.method === 'GET' || row.method === 'DELETE' ? await call : await call.send({});
        tried++;
        const got = outcomeOf(response);
        // 503 is a deliberate answer (card payments not set up in this deployment); 500 never is.
        if (response.status === 500) mismatches.push(`${row.method} ${row.path} as ${actor}: expected ${row.expected[actor]}, got a ${response.status}`);
        else if (got !== row.expected[actor]) mismatches.push(`${row.method} ${row.path} as ${actor}: expected ${row.expected[actor]}, got ${got} (${response.status} ${response.body?.code ?? ''})`);
      }
    }
    recordCases('authorisation', 'route × caller matrix', { tried, failed: mismatches.length });
    expect(tried).toBe(AUTHORISATION_MATRIX.length * ACTORS.length);
    expect(mismatches).toEqual([]);
  });
});
