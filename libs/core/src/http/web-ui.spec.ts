import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { registerWebUi } from './web-ui';

describe('registerWebUi', () => {
  let app: FastifyInstance;
  afterEach(() => app.close());

  async function serve(dir: string | undefined): Promise<FastifyInstance> {
    app = Fastify();
    await registerWebUi(app, dir);
    app.get('/api/v1/things', () => ({ ok: true }));
    await app.ready();
    return app;
  }

  function builtUi(): string {
    const dir = mkdtempSync(join(tmpdir(), 'web-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Buurtcoop</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    return dir;
  }

  it('serves index.html at / and for a browser\'s deep link, never cached', async () => {
    await serve(builtUi());
    for (const url of ['/', '/bookings/42', '/municipality/agreements?year=2027']) {
      const response = await app.inject({ url, headers: { accept: 'text/html,application/xhtml+xml' } });
      expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 200, 'text/html; charset=utf-8']);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>Buurtcoop</title>');
    }
  });

  it('serves hashed assets for a year, and leaves API routes and non-browser misses to the API', async () => {
    await serve(builtUi());
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    expect((await app.inject({ url: '/api/v1/things', headers: { accept: 'text/html' } })).json()).toEqual({ ok: true });
    for (const [url, accept] of [
      ['/api/v1/nothing', 'text/html'],
      ['/health/nothing', 'text/html'],
      ['/bookings/42', 'application/json'],
      ['/assets/missing.js', '*/*'],
    ]) {
      expect([url, (await app.inject({ url, headers: { accept } })).statusCode]).toEqual([url, 404]);
    }
    expect((await app.inject({ method: 'POST', url: '/bookings', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('leads / to the API documentation when no UI is built', async () => {
    await serve(mkdtempSync(join(tmpdir(), 'web-ui-empty-')));
    const response = await app.inject({ url: '/' });
    expect([response.statusCode, response.headers.location]).toEqual([302, '/api/docs']);
  });
});
