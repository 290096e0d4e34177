import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { FastifyRequest, LogController, errorCodes } from 'fastify';
import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppConfig } from '../config/config';
import { ProblemFilter } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { registerHttpMetrics } from '../observability/metrics';
import { registerWebUi } from './web-ui';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Fastify route config of a route that takes an uploaded file (text/csv body or multipart form): `@RouteConfig(UPLOAD_ROUTE)`. */
export const UPLOAD_ROUTE = { upload: true } as const;

function takesUpload(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { upload?: boolean } | undefined)?.upload === true;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** The Fastify adapter both `main.ts` and the e2e factory create the app with. */
export function createFastifyAdapter(logger: Logger, config: Pick<AppConfig, 'trustProxy'>): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    // One line per request, written by our onResponse hook, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }) as never,
    // A hop count as Fastify itself would read it (the adapter's type does not list numbers).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    // A caller's id is kept so a request can be traced across services; anything else gets a fresh one.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
}

/** Options for NestFactory.create: the raw body is kept for signed webhooks. */
export const NEST_APP_OPTIONS = { rawBody: true, bufferLogs: true } as const;

/**
 * Everything about how the HTTP API behaves, in one place: used by `main.ts` and by the e2e
 * test factory, so tests exercise the real bootstrap.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig, options: { webUiDir?: string } = {}): Promise<INestApplication> {
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
  registerHttpMetrics(fastify);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The OpenAPI UI at /api/docs runs an inline bootstrap script and inline styles.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Cooperatives often run on a plain-HTTP intranet address; do not force https.
        upgradeInsecureRequests: null,
      },
    },
    // Likewise HSTS only where the installation says it is reached over https (PUBLIC_URL).
    strictTransportSecurity: new URL(config.publicUrl).protocol === 'https:' ? { maxAge: 365 * 86_400, includeSubDomains: true } : false,
  });
  // Uploaded lists (e.g. POST …/members/import) stay bytes: the importer detects UTF-8 or Windows-1252 itself.
  // Other routes keep answering 415 to CSV and forms.
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (request, body, done) =>
    takesUpload(request) ? done(null, body) : done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/csv'), undefined),
  );
  // Bank statements (CAMT as XML, MT940 as bytes) may come as the body of an upload route too.
  fastify.addContentTypeParser(['application/xml', 'text/xml', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (request, body, done) =>
    takesUpload(request) ? done(null, body) : done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'])), undefined),
  );
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 10 } });
  fastify.addHook('preValidation', (request, _reply, done) =>
    done(request.isMultipart() && !takesUpload(request) ? new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('multipart/form-data') : undefined),
  );
  app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: true, exposedHeaders: ['x-request-id', 'retry-after'] });

  // The web UI (or, without one, a redirect to the documentation) at `/`; before the API's own routes.
  await registerWebUi(fastify, options.webUiDir);

  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/{*path}', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Buurtcoop API')
      .setDescription('Management of a Dutch neighbourhood cooperative: members, services, money and accountability. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return app;
}
