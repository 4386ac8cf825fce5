import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { HealthModule } from './core/health/health.module';
import { LiveModule } from './core/live/live.module';
import { QueueModule } from './core/queue/queue.module';
import { RedisModule } from './core/redis/redis.module';
import { TimeModule } from './core/time/time.module';
import { DeviceKeysModule } from './modules/device-keys/device-keys.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { IngestModule } from './modules/ingest/ingest.module';
import { RegistryModule } from './modules/registry/registry.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const dashboard =
      config.DASHBOARD_DIR && existsSync(config.DASHBOARD_DIR)
        ? [
            ServeStaticModule.forRoot({
              rootPath: config.DASHBOARD_DIR,
              exclude: ['/api/{*rest}', '/health', '/socket.io/{*rest}'],
            }),
          ]
        : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Device keys and citizens' data never reach the logs.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' },
            serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
          },
        }),
        TimeModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        HealthModule,
        DeviceKeysModule,
        IngestModule,
        IndicatorsModule,
        RegistryModule,
        LiveModule,
        ...dashboard,
      ],
    };
  }
}
