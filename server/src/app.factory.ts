import fastifyEtag from '@fastify/etag';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parse as parseQueryString } from 'node:querystring';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { decompressBody, parseFormBody, parseJsonBody } from './common/body-parsers.js';
import { sendClientError, sendError } from './common/error.filter.js';
import { createAppLoggers, logRequests, requestIdFor } from './common/logging.js';
import { publicReadCaching } from './common/public-cache.js';
import { rejectUnsafeInput } from './common/request-guards.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { loadOrCreateJwtSecret } from './database/app-secret.js';

export const API_PREFIX = 'api/v1';
/** The largest JSON or form body accepted (1 MiB); uploads have their own limit (`@Route(…, { upload })`). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * TRUST_PROXY as Express read it. Fastify reads strings and lists the same way (proxy-addr), but takes
 * a hop count as "trust nothing": the count is given as the function Express made of it.
 */
function trustProxyOption(trust: AppConfig['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

const frameworkErrors = new NestLogger('Router');

/** Builds the configured application (not yet listening). Used by main.ts and by the e2e tests. */
export async function createNestApp(config: AppConfig, databaseUrl: string, opts: { logDestination?: DestinationStream } = {}): Promise<NestFastifyApplication> {
  // No JWT_SECRET (allowed outside production only): the random secret kept in the database.
  if (!config.jwtSecret) config.jwtSecret = await loadOrCreateJwtSecret(databaseUrl);
  const adapter = new FastifyAdapter({
    // X-Forwarded-For decides the per-IP rate limits: believed only from the proxies TRUST_PROXY names.
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: JSON_BODY_LIMIT,
    // While stopping, a request on a kept-alive connection is still served (main.ts closes idle ones).
    return503OnClosing: false,
    // The id the request logger logs, the error body carries and the response sends back.
    genReqId: requestIdFor,
    // What the router or Node's HTTP parser refuses before any hook runs (a malformed URL or request)
    // gets the contract's body too: Fastify answers these outside the error handler Nest installs.
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => sendError(err, req, reply, frameworkErrors),
    clientErrorHandler: sendClientError,
    routerOptions: {
      // Routing as clients knew it from Express: a trailing slash and the letter case do not matter,
      // an over-long id is the route's own 404 rather than the router's 414, and a repeated query key
      // is an array (Node's querystring, Express's "simple" parser).
      ignoreTrailingSlash: true,
      caseSensitive: false,
      maxParamLength: 16 * 1024,
      querystringParser: (query) => parseQueryString(query),
    },
  });
  const loggers = createAppLoggers(config, opts.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl, loggers.app), adapter, {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Our own body parsers, so their errors (malformed JSON, a charset or encoding we do not read) are
  // the contract's; any other content type is a 415. Fastify's own limit answers a body over 1 MiB (413).
  fastify.addHook('preParsing', decompressBody);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, parseFormBody);
  await app.register(fastifyMultipart);
  // Set by the auth guard on every request: declared, so each request object keeps one shape.
  fastify.decorateRequest('actor', null);
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  logRequests(fastify, loggers.requests);
  publicReadCaching(fastify);
  fastify.addHook('preValidation', rejectUnsafeInput);
  // While closing, a connection whose request finishes during the drain would otherwise stay open,
  // idle, for the whole keep-alive time and hold the close up: close each as soon as it is idle.
  let closeIdle: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', (done) => {
    closeIdle = setInterval(() => fastify.server.closeIdleConnections(), 200);
    closeIdle.unref();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(closeIdle);
    done();
  });
  // A client revalidates a GET with If-None-Match and gets a 304 without the body.
  // Computed for every answer: one native call (crypto.hash) rather than a Hash object per body.
  await app.register(fastifyEtag, { weak: true, hashFn: (body: Buffer | string) => hash('sha1', body, 'base64') });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Same-origin callers (the H5 client served below, the mini-program) need no CORS; other browser
  // origins only when CORS_ORIGINS lists them. With none listed there is no CORS hook at all: a
  // browser elsewhere gets no Access-Control-* header either way, and no request pays for the check.
  if (config.corsOrigins.length > 0) {
    const corsOrigins = new Set(config.corsOrigins);
    app.enableCors({ origin: (origin, cb) => cb(null, origin !== undefined && corsOrigins.has(origin)), exposedHeaders: ['x-request-id'] });
  }

  const doc = new DocumentBuilder()
    .setTitle('先锋 Xianfeng API')
    .setDescription(
      'REST API of the Xianfeng mini-program. Errors: `{ statusCode, code, message, details? }` with `code` from @xianfeng/shared. ' +
        'Lists: `?limit=` (≤ 100) and an opaque `cursor`; bodies `{ items, nextCursor }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });

  if (existsSync(config.h5Dir)) await app.register(fastifyStatic, h5Static(config.h5Dir));
  // Whatever no route and no file answers (outside the API prefix too) gets the contract's 404 body
  // from Nest's not-found handler, through the one error filter.
  await app.init();
  await fastify.ready();
  return app;
}

/** A content-hashed build file (`js/app.1a2b3c4d.js`): its name changes whenever its content does. */
const HASHED_ASSET = /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/;

/**
 * The H5 client: the build's pre-compressed copies (.br, .gz) when the browser accepts them;
 * hashed assets cached for a year, everything else (index.html first) revalidated on every load so
 * a new release is picked up at once. A missing file goes on to the not-found handler.
 */
export function h5Static(dir: string) {
  return {
    root: dir,
    preCompressed: true,
    index: ['index.html'],
    dotfiles: 'ignore' as const,
    cacheControl: false,
    setHeaders: (reply: { header(name: string, value: string): unknown }, path: string) => {
      reply.header('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  };
}
