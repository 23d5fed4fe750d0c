import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { AppError } from './common/app-error.js';
import { sendError } from './common/error.filter.js';
import { rejectUnsafeInput } from './common/request-guards.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { loadOrCreateJwtSecret } from './database/app-secret.js';
import { ErrorCode } from '@xianfeng/shared';

export const API_PREFIX = 'api/v1';
export const JSON_BODY_LIMIT = '1mb';

/** Builds the configured application (not yet listening). Used by main.ts and by the e2e tests. */
export async function createNestApp(config: AppConfig, databaseUrl: string, opts: { logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  // No JWT_SECRET (allowed outside production only): the random secret kept in the database.
  if (!config.jwtSecret) config.jwtSecret = await loadOrCreateJwtSecret(databaseUrl);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl, opts.logDestination), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // X-Forwarded-For decides the per-IP rate limits: believed only from the proxies TRUST_PROXY names.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Our own body parsers, so their errors (malformed JSON, too large) get the contract's error body.
  const bodyErrors = new NestLogger('Body');
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));
  app.use(rejectUnsafeInput);
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendError(err, req, res, bodyErrors));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Same-origin callers (the H5 client served below, the mini-program) need no CORS; other browser
  // origins only when CORS_ORIGINS lists them.
  const corsOrigins = new Set(config.corsOrigins);
  app.enableCors({ origin: (origin, cb) => cb(null, origin !== undefined && corsOrigins.has(origin)), exposedHeaders: ['x-request-id'] });

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

  if (existsSync(config.h5Dir)) app.use(h5Static(config.h5Dir));
  // Routes are registered by init(); then whatever no route and no file answered (outside the API
  // prefix too) gets the contract's 404 body, not Express's HTML page.
  await app.init();
  const notFound = new NestLogger('NotFound');
  app.use((req: Request, res: Response) => sendError(new AppError(404, ErrorCode.ROUTE_NOT_FOUND, '接口不存在'), req, res, notFound));
  return app;
}

/** A content-hashed build file (`js/app.1a2b3c4d.js`): its name changes whenever its content does. */
const HASHED_ASSET = /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/;

/**
 * The H5 client: the build's pre-compressed copies (.br, .gz) when the browser accepts them;
 * hashed assets cached for a year, everything else (index.html first) revalidated on every load so
 * a new release is picked up at once.
 */
export function h5Static(dir: string) {
  return expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
}
