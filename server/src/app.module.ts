import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { HealthModule } from './core/health/health.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { LiveModule } from './modules/live/live.module';
import { QueueModule } from './core/queue/queue.module';
import { RedisModule } from './core/redis/redis.module';
import { TimeModule } from './core/time/time.module';
import { redactUrl } from './core/auth/redact-url';
import { AbsencesModule } from './modules/absences/absences.module';
import { VisitsModule } from './modules/visits/visits.module';
import { AssessmentModule } from './modules/assessment/assessment.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuditModule } from './modules/audit/audit.module';
import { DeviceKeysModule } from './modules/accounts/device-keys/device-keys.module';
import { HallwatchEventsModule } from './modules/domain-events/domain-events';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { IngestModule } from './modules/ingest/ingest.module';
import { NotifyModule } from './modules/notify/notify.module';
import { AlertRoutingModule } from './modules/alert-routing/alert-routing.module';
import { PatrolModule } from './modules/patrol/patrol.module';
import { DepartmentDeskModule } from './modules/dept-desk/department-desk.module';
import { RectificationModule } from './modules/rectification/rectification.module';
import { RegistryModule } from './modules/registry/registry.module';
import { ReportsModule } from './modules/reports/reports.module';
import { ReviewsModule } from './modules/reviews/reviews.module';
import { RetentionModule } from './modules/retention/retention.module';
import { QueueAdminModule } from './modules/queue-admin/queue-admin.module';
import { TrendsModule } from './modules/trends/trends.module';
import { SnapshotModule } from './snapshot.module';
import { dashboardHeaders } from './core/http/dashboard-headers';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const dashboard =
      config.DASHBOARD_DIR && existsSync(config.DASHBOARD_DIR)
        ? [
            ServeStaticModule.forRoot({
              rootPath: config.DASHBOARD_DIR,
              exclude: ['/api/{*rest}', '/health', '/health/{*rest}', '/metrics', '/socket.io/{*rest}'],
              serveStaticOptions: { setHeaders: dashboardHeaders },
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
            // Keys, tokens, session cookies and citizens' data never reach the logs: requests are
            // logged as method and URL (tokens in the query masked), responses without headers.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            // Probes and scrapes come every few seconds; a line each would bury the requests that matter.
            autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/health' || req.url?.startsWith('/health/') === true },
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        TimeModule,
        DatabaseModule.forRoot(),
        RedisModule,
        QueueModule,
        HallwatchEventsModule,
        HealthModule,
        MetricsModule,
        AccountsModule,
        AuditModule,
        DeviceKeysModule,
        IngestModule,
        SnapshotModule,
        IndicatorsModule,
        RegistryModule,
        RectificationModule,
        PatrolModule,
        ReviewsModule,
        AbsencesModule,
        VisitsModule,
        AssessmentModule,
        TrendsModule.withLedger(ReviewsModule),
        DepartmentDeskModule,
        NotifyModule,
        RetentionModule,
        QueueAdminModule,
        ReportsModule,
        AlertRoutingModule,
        LiveModule,
        ...dashboard,
      ],
    };
  }
}
