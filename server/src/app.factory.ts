import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './core/config/app-config';
import { ServiceErrorFilter } from './core/database/unavailable.filter';
import { RedisIoAdapter } from './core/live/redis-io.adapter';

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

export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'default-src': ["'self'"], 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'blob:'] },
      },
    }),
  );
  app.use(express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(bodyErrors);
  app.useGlobalFilters(new ServiceErrorFilter());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.REDIS_URL, config.REDIS_PREFIX));
  app.enableShutdownHooks();
  return app;
}
