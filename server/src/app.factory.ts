import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { parseOrigins } from './core/auth/origin-policy';
import type { AuthedRequest } from './core/auth/principal';
import { SIGNATURE_HEADER } from './core/auth/request-signature';
import { transportSecurity } from './core/auth/transport-security';
import { requestContextMiddleware } from './core/auth/request-context';
import { AppConfig } from './core/config/app-config';
import { bodyDepthLimit } from './core/http/json-depth';
import { serveApiDocument } from './core/openapi/api-document';
import { ServiceErrorFilter } from './core/database/unavailable.filter';
import { RedisIoAdapter } from './modules/live/redis-io.adapter';

/** Body-parser failures answered as the ingest contract says: 400 for bad JSON, 413 for too large. */
function bodyErrors(err: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (err?.type === 'entity.too.large') {
    res.status(413).json({ statusCode: 413, message: 'Request body is larger than the limit; send fewer events per request' });
    return;
  }
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json({ statusCode: 400, field: 'body', message: `Malformed JSON: ${err.message}` });
    return;
  }
  next(err);
}

/** TRUST_PROXY as express takes it: a hop count, true/false, or addresses and names such as loopback. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(...transportSecurity(config.HALLWATCH_HTTPS));
  if (config.TRUST_PROXY) app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  // Other origins get CORS answers only when allow-listed; same-origin pages need none.
  const origins = parseOrigins(config.CORS_ORIGINS);
  app.enableCors({ origin: origins.length ? origins : false, credentials: true });
  app.use(
    express.json({
      limit: config.BODY_LIMIT,
      type: ['application/json', 'application/*+json'],
      // A signed device request is checked against the exact bytes sent, so keep them.
      verify: (req, _res, buf) => {
        if ((req as AuthedRequest).headers[SIGNATURE_HEADER] !== undefined) (req as AuthedRequest).rawBody = buf;
      },
    }),
  );
  app.use(bodyErrors);
  app.use(bodyDepthLimit);
  // After the body parser: its stream callbacks would run outside the request's context.
  app.use(requestContextMiddleware);
  app.useGlobalFilters(new ServiceErrorFilter());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.REDIS_URL, config.REDIS_PREFIX, origins));
  if (config.API_DOCS) serveApiDocument(app);
  app.enableShutdownHooks();
  return app;
}
