import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module.js';
import { sendError } from './common/error.filter.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';

export const API_PREFIX = 'api/v1';
export const JSON_BODY_LIMIT = '1mb';

/** Builds the configured application (not yet listening). Used by main.ts and by the e2e tests. */
export async function createNestApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  app.disable('x-powered-by');
  // Our own body parsers, so their errors (malformed JSON, too large) get the contract's error body.
  const bodyErrors = new NestLogger('Body');
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendError(err, req, res, bodyErrors));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: true, exposedHeaders: ['x-request-id'] });

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

  if (existsSync(config.h5Dir)) {
    app.useStaticAssets(config.h5Dir, { index: 'index.html', maxAge: '1h' });
  }
  return app;
}
