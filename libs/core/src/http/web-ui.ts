import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths that belong to the API and never answer with the web UI, even for a browser. */
const API_PATHS = /^\/(api|health|metrics)(\/|$|\?)/;

/**
 * Where the built web UI (apps/web, `vite build`) lies: dist/web beside the compiled apps, found from this
 * file both when it runs compiled (dist/libs/core/src/http) and from source (libs/core/src/http).
 */
export function builtWebUiDir(): string {
  const up = resolve(__dirname, '../../../..');
  return basename(up) === 'dist' ? join(up, 'web') : join(up, 'dist', 'web');
}

/**
 * Serves the web UI at `/`: its hashed assets with a year's cache, and index.html (never cached) for `/` and
 * for any other page a browser asks for (GET with `Accept: text/html`) that is not an API route, so a deep link
 * such as /bookings opens the app, which then routes itself. API clients still get the 404 problem.
 * Without a built UI (`dir` undefined or empty), `/` leads to the API documentation instead.
 */
export async function registerWebUi(fastify: FastifyInstance, dir: string | undefined): Promise<void> {
  const indexFile = dir ? join(dir, 'index.html') : undefined;
  if (!dir || !indexFile || !existsSync(indexFile)) {
    fastify.get('/', (_request, reply) => reply.redirect('/api/docs', 302));
    return;
  }
  const index = readFileSync(indexFile);
  // Vite names these by their content's hash: a changed file is a new name.
  const assets = join(dir, 'assets');
  const sendIndex = (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);

  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // Only the files that exist get a route; everything else falls through to the API's 404 handling.
    wildcard: false,
    index: false,
    schemaHide: true,
    decorateReply: false,
    setHeaders: (reply, path) => {
      if (path.startsWith(assets)) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    const wantsPage = request.is404 && request.method === 'GET' && !API_PATHS.test(request.url) && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) return void sendIndex(reply);
    done();
  });
}
