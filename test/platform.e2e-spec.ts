import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { TestApp, createTestApp } from '@buurtcoop/testing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every route Fastify registers, as it registers it: the ground truth the API documentation must match. */
const registeredRoutes: Array<{ method: string; url: string }> = [];

@Injectable()
class RouteRecorder {
  // Constructed while the app is created, before configureApp and listen register any route.
  constructor(host: HttpAdapterHost) {
    host.httpAdapter.getInstance<FastifyInstance>().addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registeredRoutes.push({ method: method.toLowerCase(), url: route.url });
    });
  }
}

@Module({ providers: [RouteRecorder] })
class RouteRecorderModule {}

/** Open by design: the caller has no access token yet (or any more). A new open route must be added here on purpose. */
const PUBLIC_AUTH_OPERATIONS = ['post /api/v1/auth/login', 'post /api/v1/auth/refresh', 'post /api/v1/auth/logout'];
/**
 * Also open by design: account activation proves itself with the one-time token from the invitation
 * e-mail; a cooperative's public page and its membership application form are for people without an account;
 * Stripe's webhooks prove themselves with their signature; anyone may give to a cooperative.
 */
const OTHER_PUBLIC_OPERATIONS = [
  'post /api/v1/auth/activate',
  'get /api/v1/public/cooperatives/{slug}',
  'post /api/v1/public/cooperatives/{slug}/applications',
  'post /api/v1/stripe/webhooks',
  'post /api/v1/cooperatives/{cooperativeId}/donations/checkout',
];
const HEALTH_OPERATIONS = ['get /health/live', 'get /health/ready'];

interface OpenApiOperation {
  security?: Array<Record<string, string[]>>;
}
type OpenApiDocument = { openapi: string; info: { title: string }; paths: Record<string, Partial<Record<string, OpenApiOperation>>>; components: { securitySchemes: Record<string, unknown> } };

function operationsOf(document: OpenApiDocument): Array<{ key: string; method: HttpMethod; path: string; operation: OpenApiOperation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ key: `${method} ${path}`, method, path, operation: item[method] as OpenApiOperation })),
  );
}

describe('The HTTP platform', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp({ extraModules: [RouteRecorderModule] });
  });
  afterAll(() => sut.close());

  const http = () => request(sut.url);

  describe('health', () => {
    it('answers /health/live with 200 outside the versioned API prefix', async () => {
      const response = await http().get('/health/live').expect(200);
      expect(response.body).toEqual({ status: 'ok' });
      await http().get('/api/v1/health/live').expect(404);
    });

    it('answers /health/ready with 200 when the database answers and is migrated', async () => {
      const response = await http().get('/health/ready').expect(200);
      expect(response.body).toEqual({ status: 'ok', database: 'ok' });
    });

    it('answers /health/ready with 503 while a migration is pending', async () => {
      const dataSource = sut.database.dataSource;
      const [last] = await dataSource.query(`SELECT id, timestamp, name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
      // Forgetting that the last migration ran makes it pending again, as after deploying new code.
      await dataSource.query(`DELETE FROM schema_migrations WHERE id = $1`, [last.id]);
      try {
        const response = await http().get('/health/ready').expect(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 503, detail: expect.stringContaining('migrations pending') });
        await http().get('/health/live').expect(200);
      } finally {
        await dataSource.query(`INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
      }
      await http().get('/health/ready').expect(200);
    });
  });

  describe('metrics', () => {
    it('serves Prometheus text with the request duration of a route just called, labelled by route pattern', async () => {
      const cooperativeId = randomUUID();
      await http().get(`/api/v1/cooperatives/${cooperativeId}/audit-events`).expect(401);
      const response = await http().get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.text).toContain('# TYPE http_request_duration_seconds histogram');
      const count = /^http_request_duration_seconds_count\{(.*)\} (\d+)$/gm;
      const series = [...response.text.matchAll(count)].map(([, labels, value]) => ({ labels, value: Number(value) }));
      const called = series.find((s) => s.labels.includes('route="/api/v1/cooperatives/:cooperativeId/audit-events"'));
      expect(called).toBeDefined();
      expect(called!.labels).toContain('method="GET"');
      expect(called!.labels).toContain('status="401"');
      expect(called!.value).toBeGreaterThanOrEqual(1);
      // The raw URL (with its id) would give every cooperative its own series.
      expect(response.text).not.toContain(cooperativeId);
      // Default process metrics come along.
      expect(response.text).toMatch(/^process_cpu_seconds_total /m);
    });
  });

  describe('request ids', () => {
    it('gives every response an x-request-id, a different one per request', async () => {
      const responses = await Promise.all([http().get('/health/live'), http().get('/api/v1/auth/me'), http().get('/no-such-route'), http().post('/api/v1/auth/login').send({})]);
      expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 400]);
      const ids = responses.map((r) => r.headers['x-request-id']);
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('echoes a valid incoming x-request-id, in the header and in a problem body', async () => {
      const id = 'trace-0123456789.ABC_def';
      const response = await http().get('/api/v1/auth/me').set('x-request-id', id).expect(401);
      expect(response.headers['x-request-id']).toBe(id);
      expect(response.body.requestId).toBe(id);
    });

    it.each([
      ['too short', 'abc1234'],
      ['with spaces', 'not a valid id'],
      ['with a header-splitting attempt', 'abcdefgh%0d%0aSet-Cookie:x=1'],
      ['too long', 'a'.repeat(129)],
    ])('replaces a malformed incoming x-request-id (%s) with a fresh one', async (_, given) => {
      const response = await http().get('/no-such-route').set('x-request-id', given).expect(404);
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    });
  });

  describe('security headers', () => {
    it('sends helmet headers on API responses and on the documentation', async () => {
      for (const path of ['/health/live', '/api/v1/auth/me', '/api/docs']) {
        const response = await http().get(path);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        const csp = response.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("object-src 'none'");
        // Cooperatives often run on a plain-HTTP intranet address.
        expect(csp).not.toContain('upgrade-insecure-requests');
      }
    });

    it('sends HSTS only when PUBLIC_URL says the installation is reached over https', async () => {
      expect((await http().get('/health/live')).headers['strict-transport-security']).toBeUndefined();
      const behindHttps = await createTestApp({ env: { PUBLIC_URL: 'https://buurt.example' } });
      try {
        const response = await request(behindHttps.url).get('/health/live').expect(200);
        expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      } finally {
        await behindHttps.close();
      }
    });

    it('refuses cross-origin requests when no CORS_ORIGINS are configured', async () => {
      const response = await http().get('/health/live').set('origin', 'https://buurt.example').expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('errors', () => {
    it.each(['/no-such-route', '/api/v1/no-such-route', '/api/v2/cooperatives'])('answers an unknown route %s with 404 problem+json', async (path) => {
      const response = await http().get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: 'https://buurtcoop.nl/problems/not-found',
        title: 'Not found',
        status: 404,
        code: 'not_found',
        detail: expect.any(String),
        instance: path,
        requestId: response.headers['x-request-id'],
      });
    });
  });

  describe('API documentation', () => {
    let document: OpenApiDocument;

    beforeAll(async () => {
      const response = await http().get('/api/docs-json').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      document = response.body;
    });

    it('serves the interactive documentation as HTML at /api/docs', async () => {
      const response = await http().get('/api/docs').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(/swagger-ui/i);
    });

    it('serves an OpenAPI document with bearer authentication', () => {
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info.title).toBe('Buurtcoop API');
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('documents exactly the routes the server has', () => {
      const served = registeredRoutes
        .filter((r) => (HTTP_METHODS as readonly string[]).includes(r.method))
        // Not part of the API: the documentation itself, the root URL (a redirect to it), and Prometheus' scrape endpoint.
        .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/' && r.url !== '/metrics')
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
      // Guards against a recorder that saw nothing, which would make the comparison below vacuous.
      expect(served).toContain('post /api/v1/auth/login');
      expect(operationsOf(document).map((o) => o.key).sort()).toEqual([...new Set(served)].sort());
    });

    it('declares bearer security on every operation except health and the routes that are public by design', () => {
      const open = operationsOf(document)
        .filter((o) => !o.operation.security?.some((s) => 'bearer' in s))
        .map((o) => o.key);
      const allowed = [...HEALTH_OPERATIONS, ...PUBLIC_AUTH_OPERATIONS, ...OTHER_PUBLIC_OPERATIONS];
      expect(open.filter((key) => !allowed.includes(key))).toEqual([]);
      expect(open).toEqual(expect.arrayContaining([...HEALTH_OPERATIONS, ...PUBLIC_AUTH_OPERATIONS]));
    });

    it('is right about security: every operation documented as secured refuses a caller without a token', async () => {
      const secured = operationsOf(document).filter((o) => o.operation.security?.length);
      expect(secured.length).toBeGreaterThan(0);
      for (const { key, method, path } of secured) {
        const url = path.replace(/\{\w+\}/g, () => randomUUID());
        const response = await http()[method](url).send({});
        expect({ key, status: response.status }).toEqual({ key, status: 401 });
      }
    });

    it('is right about the open routes: none asks for a token', async () => {
      const open = operationsOf(document).filter((o) => !o.operation.security?.length);
      for (const { key, method, path } of open) {
        const url = path.replace(/\{\w+\}/g, () => randomUUID());
        const response = await http()[method](url).send({});
        expect({ key, status: response.status }).not.toEqual({ key, status: 401 });
      }
    });
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  let sut: TestApp;
  const allowed = 'https://buurt.example';

  beforeAll(async () => {
    sut = await createTestApp({ env: { CORS_ORIGINS: allowed } });
  });
  afterAll(() => sut.close());

  it('lets a configured origin read responses, with credentials and the request id', async () => {
    const response = await request(sut.url).get('/health/live').set('origin', allowed).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('answers a preflight from a configured origin', async () => {
    const response = await request(sut.url)
      .options('/api/v1/auth/login')
      .set('origin', allowed)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type,authorization');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-methods']).toContain('POST');
  });

  it('does not let another origin read responses', async () => {
    for (const origin of ['https://evil.example', 'https://buurt.example.evil.example', 'http://buurt.example']) {
      const response = await request(sut.url).get('/health/live').set('origin', origin).expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('Readiness when the database is gone', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(async () => {
    // The database was already dropped; closing it again may complain.
    await sut.app.close().catch(() => undefined);
    await sut.testDatabase.drop().catch(() => undefined);
  });

  it('answers /health/ready with 503 and /health/live with 200', async () => {
    await request(sut.url).get('/health/ready').expect(200);
    await sut.testDatabase.drop();
    const ready = await request(sut.url).get('/health/ready').expect(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.body).toMatchObject({ status: 503, detail: expect.stringMatching(/^Database not ready: /) });
    // The process itself is fine: an orchestrator should wait, not restart it.
    await request(sut.url).get('/health/live').expect(200);
  });
});
