import fc from 'fast-check';
import request from 'supertest';
import { TestApp, TestCooperative, createTestApp, createTestCooperative, enrolMember } from '@buurtcoop/testing';
import { recordCases } from './summary';
import { ApiParameter, ApiRoute, Caller, changedTables, fillPath, pathValue, percentEncode, problemDefect, routeName, routesToFuzz, tableRowCounts, takesUpload } from './support/api-routes';
import { HOSTILE_STRINGS, MALFORMED_JSON, Tagged, exampleOf, hostileObject, objectExample, wrongTypes } from './support/hostile-values';

/**
 * Every route of the OpenAPI document, fed inputs fast-check generates from the route's own body schema and
 * query parameters, by a caller allowed to use the route (so validation, not authorisation, answers):
 * first only inputs that must be refused (each names the field it breaks; nothing may be stored), then
 * hostile inputs of every kind (no 5xx; every refusal is problem+json with a code; nothing invalid accepted).
 */

const REJECTION_RUNS = 8;
const HOSTILE_RUNS = 15;
/** Each property test sends a few thousand requests: well within this on 2 shared cores, even beside other suites. */
const FUZZ_TIMEOUT_MS = 300_000;

interface Case {
  path: Record<string, string>;
  query: Array<[string, string]>;
  body?: { json: unknown } | { raw: string; contentType: string };
  /** Why the product must refuse this input; undefined when it may be valid. */
  invalid?: string;
  /** The field a refusal must name (errors[].field, or the detail). */
  names?: string;
}

describe('Fuzzing: hostile bodies, query strings and path parameters on every route', () => {
  let sut: TestApp;
  let coop: TestCooperative;
  let routes: ApiRoute[];
  let callers: Map<string, Caller>;
  let known: Record<string, string>;

  beforeAll(async () => {
    sut = await createTestApp();
    coop = await createTestCooperative(sut, 'fuzzing');
    const member = await enrolMember(sut, coop, {
      type: 'resident',
      role: 'both',
      firstName: 'Fenna',
      lastName: 'Fuzz',
      email: 'fenna.fuzz@fuzzing.example',
      street: 'Brink',
      houseNumber: '3',
      postcode: '7411BR',
      city: 'Deventer',
    });
    ({ routes, callers, known } = await routesToFuzz(sut, coop, (r) => !takesUpload(r) && !r.path.startsWith('/health'), member.accessToken));
  }, FUZZ_TIMEOUT_MS);
  afterAll(() => sut?.close());

  function send(route: ApiRoute, c: Case): Promise<request.Response> {
    const url = fillPath(route.path, c.path) + (c.query.length ? `?${c.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}` : '');
    const call = request(sut.url)[route.method](url).set(callers.get(routeName(route)) as Record<string, string>);
    if (!c.body) return call;
    if ('raw' in c.body) return call.set('content-type', c.body.contentType).send(c.body.raw);
    return call.set('content-type', 'application/json').send(JSON.stringify(c.body.json));
  }

  const validPath = (route: ApiRoute) => Object.fromEntries(route.pathParams.map((p) => [p, pathValue(p, known)]));
  const validQuery = (route: ApiRoute): Array<[string, string]> => route.query.filter((q) => q.required).map((q) => [q.name, queryExample(q)]);
  const takesJson = (route: ApiRoute) => route.body?.contentTypes.includes('application/json') === true;

  /** Inputs that each break exactly one thing the document states, so the refusal must name it. */
  function rejections(route: ApiRoute): fc.Arbitrary<Case> | undefined {
    const base = (): Case => ({ path: validPath(route), query: validQuery(route), body: takesJson(route) ? { json: objectExample(route.body?.schema ?? {}) } : undefined });
    const options: Array<fc.Arbitrary<Case>> = [];
    const schema = route.body?.schema;
    if (takesJson(route) && schema) {
      const props = Object.entries(schema.properties ?? {});
      const required = schema.required ?? [];
      if (required.length) options.push(fc.constantFrom(...required).map((field) => ({ ...base(), invalid: `required ${field} missing`, names: field, body: { json: omit(objectExample(schema), field) } })));
      const typed = props.filter(([, s]) => wrongTypes(s));
      if (typed.length) {
        options.push(
          fc.constantFrom(...typed).chain(([field, s]) =>
            fc.constantFrom(...(wrongTypes(s) as unknown[])).map((value) => ({ ...base(), invalid: `${field} of the wrong type`, names: field, body: { json: { ...objectExample(schema), [field]: value } } })),
          ),
        );
      }
      options.push(fc.constantFrom(...['isAdmin', 'zzUnknown', 'cooperativeId'].filter((f) => !(f in (schema.properties ?? {})))).map((field) => ({ ...base(), invalid: `unknown field ${field}`, names: field, body: { json: { ...objectExample(schema), [field]: true } } })));
      options.push(fc.constantFrom(...MALFORMED_JSON.filter((t) => !t.startsWith('['))).map((raw) => ({ ...base(), invalid: 'malformed JSON', body: { raw, contentType: 'application/json' } })));
      options.push(fc.constantFrom<unknown>([], 'a string', 42).map((json) => ({ ...base(), invalid: 'a body that is not an object', body: { json } })));
      options.push(
        fc.constantFrom('application/x-www-form-urlencoded', 'application/xml', 'text/csv', 'multipart/form-data; boundary=x').map((contentType) => ({ ...base(), invalid: `a ${contentType} body`, body: { raw: 'a=1', contentType } })),
      );
    }
    const checkable = route.query.filter((q) => queryWrongValues(q).length);
    if (checkable.length) {
      options.push(
        fc.constantFrom(...checkable).chain((q) =>
          fc.constantFrom(...queryWrongValues(q)).map((value) => {
            const c = base();
            return { ...c, invalid: `query ${q.name} of the wrong type`, names: q.name, query: [...c.query.filter(([k]) => k !== q.name), [q.name, value] as [string, string]] };
          }),
        ),
      );
    }
    const requiredQuery = route.query.filter((q) => q.required);
    if (requiredQuery.length) options.push(fc.constantFrom(...requiredQuery).map((q) => ({ ...base(), invalid: `required query ${q.name} missing`, names: q.name, query: base().query.filter(([k]) => k !== q.name) })));
    const idParams = route.pathParams.filter((p) => /[iI]d$/.test(p));
    if (idParams.length) {
      options.push(
        fc.tuple(fc.constantFrom(...idParams), fc.constantFrom('not-a-uuid', '1', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '%00', HOSTILE_STRINGS[9])).map(([name, value]) => {
          const c = base();
          return { ...c, invalid: `path ${name} not a UUID`, path: { ...c.path, [name]: value } };
        }),
      );
    }
    return options.length ? fc.oneof(...options) : undefined;
  }

  /** Anything: hostile values in every field, mistyped and missing ones, extra fields, junk bodies and query strings. */
  function hostile(route: ApiRoute): fc.Arbitrary<Case> {
    const path = fc.record(
      Object.fromEntries(route.pathParams.map((p) => [p, fc.oneof({ weight: 6, arbitrary: fc.constant(null).map(() => pathValue(p, known)) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 200 && s !== '')) })])),
    ) as fc.Arbitrary<Record<string, string>>;
    const query = fc
      .tuple(
        fc.tuple(
        ...route.query.map((q) =>
          fc.oneof(
            { weight: q.required ? 0 : 2, arbitrary: fc.constant<Array<[string, string]>>([]) },
            { weight: 3, arbitrary: fc.constant<Array<[string, string]>>([[q.name, queryExample(q)]]) },
            { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 200)).map((v): Array<[string, string]> => [[q.name, v]]) },
            { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([[q.name, queryExample(q)], [q.name, queryExample(q)]]) },
          ),
        ),
        ),
        fc.option(fc.constantFrom<[string, string]>(['zzUnknown', '1'], ['__proto__[admin]', 'true'], ['cooperativeId', coop.cooperativeId]), { freq: 4, nil: undefined }),
      )
      .map(([pairs, extra]) => [...pairs.flat(), ...(extra ? [extra] : [])]);
    const schema = route.body?.schema;
    const body: fc.Arbitrary<Pick<Case, 'body' | 'invalid'>> =
      takesJson(route) && schema
        ? fc.oneof(
            { weight: 8, arbitrary: hostileObject(schema).map((t: Tagged<Record<string, unknown>>) => ({ body: { json: t.value }, invalid: t.invalid })) },
            { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((raw) => ({ body: { raw, contentType: 'application/json' }, invalid: 'malformed JSON' })) },
            { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'text/csv', 'application/octet-stream').map((contentType) => ({ body: { raw: JSON.stringify(objectExample(schema)), contentType }, invalid: `a ${contentType} body` })) },
          )
        : fc.option(fc.constant({ body: { json: { zzUnknown: HOSTILE_STRINGS[3] } } }), { nil: {} }).map((b) => b ?? {});
    return fc.tuple(path, query, body).map(([p, q, b]) => ({ path: p, query: q, ...b }));
  }

  /** Runs one property per route; collects failures (with fast-check's seed and counterexample) instead of stopping. */
  async function fuzzRoutes(runs: number, arbitraryOf: (route: ApiRoute) => fc.Arbitrary<Case> | undefined, check: (route: ApiRoute, c: Case, response: request.Response) => string | undefined) {
    const failures: string[] = [];
    let tried = 0;
    let failedCases = 0;
    for (const route of routes) {
      const arbitrary = arbitraryOf(route);
      if (!arbitrary) continue;
      try {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (c) => {
            tried++;
            const response = await send(route, c);
            const defect = check(route, c, response);
            if (defect) {
              failedCases++;
              throw new Error(`${defect}: ${JSON.stringify(response.body).slice(0, 400)}`);
            }
          }),
          { numRuns: runs, endOnFailure: true },
        );
      } catch (error) {
        // fast-check 4 keeps the property's own error as the cause; its message has the seed and counterexample.
        const cause = (error as Error & { cause?: Error }).cause;
        failures.push(`${routeName(route)}: ${cause?.message ?? ''}\n${(error as Error).message.replace(/\n\nHint:[^]*$/, '').slice(0, 1500)}`);
      }
    }
    return { failures, tried, failedCases };
  }

  it('refuses every input that breaks the document with a 4xx problem naming the field, and stores nothing', async () => {
    const before = await tableRowCounts(sut);
    const { failures, tried, failedCases } = await fuzzRoutes(REJECTION_RUNS, rejections, (_route, c, response) => {
      if (response.status < 400) return `accepted ${c.invalid} with ${response.status}`;
      const defect = problemDefect(response);
      if (defect) return `${defect} to ${c.invalid}`;
      if (c.names && response.status === 400 && !namesField(response.body, c.names)) return `refused ${c.invalid} without naming ${c.names}`;
      return undefined;
    });
    const changed = changedTables(before, await tableRowCounts(sut));
    recordCases('fuzzing', 'inputs the document forbids, every route', { tried, failed: failedCases + Object.keys(changed).length });
    expect(failures).toEqual([]);
    expect(changed).toEqual({});
    expect(tried).toBeGreaterThan(routes.length);
  }, FUZZ_TIMEOUT_MS);

  it('answers hostile input on every route without a 5xx, refusing with problem+json and accepting nothing invalid', async () => {
    const { failures, tried, failedCases } = await fuzzRoutes(HOSTILE_RUNS, hostile, (_route, c, response) => {
      if (c.invalid && response.status < 400) return `accepted ${c.invalid} with ${response.status}`;
      return problemDefect(response);
    });
    recordCases('fuzzing', 'hostile inputs, every route', { tried, failed: failedCases });
    expect(failures).toEqual([]);
    expect(tried).toBe(routes.length * HOSTILE_RUNS);
  }, FUZZ_TIMEOUT_MS);

  // Inputs the fuzzing found answered with a 500 once; each is refused now, naming the field.
  it.each<[string, string, string, unknown, string]>([
    ['a null for a policy field', 'patch', '/exchange-policy', { cancellationNoticeHours: null }, 'cancellationNoticeHours'],
    ['a null for a profile field', 'patch', '/profile', { creditorId: null }, 'creditorId'],
    ['a null for a donor field', 'patch', '/donors/6f1c1d2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f', { name: null }, 'name'],
    ['a NUL character', 'patch', '/members/me', { firstName: 'Fen\u0000na' }, 'firstName'],
    ['a lone surrogate in an e-mail address', 'post', '/donations/checkout', { amountCents: 2500, donorName: 'Fenna', email: '\udfff' }, 'email'],
    ['hours written with an exponent', 'post', '/allowances', { memberId: '6f1c1d2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f', month: '2027-03', hours: 1e-7, amountCents: 500, description: 'Boodschappen' }, 'hours'],
    ['JSON nested 50,000 deep', 'post', '/grants', `{"funder": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 'funder'],
  ])('refuses %s with 400 naming the field', async (_what, method, path, body, field) => {
    const route = routes.find((r) => r.method === method && r.path === `/api/v1/cooperatives/{cooperativeId}${path.replace(/\/[0-9a-f-]{36}$/, '/{id}')}`) as ApiRoute;
    const response = await request(sut.url)[method as 'post'](`/api/v1/cooperatives/${coop.cooperativeId}${path}`)
      .set(callers.get(routeName(route)) as Record<string, string>)
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(problemDefect(response)).toBeUndefined();
    expect(namesField(response.body, field)).toBe(true);
  });

  it('stays responsive after the run', async () => {
    await request(sut.url).get('/health/ready').expect(200);
  });
});

function omit(object: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = object;
  return rest;
}

function queryExample(q: ApiParameter): string {
  const value = exampleOf(q.schema, q.name);
  return Array.isArray(value) ? String(value[0]) : String(value);
}

/** Query values no validator may accept for this parameter. */
function queryWrongValues(q: ApiParameter): string[] {
  const s = q.schema.type === 'array' && q.schema.items ? q.schema.items : q.schema;
  if (s.enum?.length) return ['not-one-of-the-choices'];
  if (s.format === 'uuid') return ['not-a-uuid', "1' OR '1'='1"];
  if (s.type === 'number' || s.type === 'integer') return ['twaalf', '1e999x', '0x'];
  return [];
}

/** Whether a refusal names the field: in errors[].field (or a nested one), or in the detail. */
function namesField(body: { errors?: Array<{ field: string }>; detail?: string }, field: string): boolean {
  if (body.errors?.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))) return true;
  return typeof body.detail === 'string' && body.detail.includes(field);
}
