import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics';
import { HttpMetrics, HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { QueueMetrics } from './queue-metrics';

/** Prometheus metrics at /metrics (docs/operations.md); features add theirs to MetricsRegistry. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, MetricsAccessGuard, QueueMetrics, HttpMetrics, DatabaseMetrics],
  exports: [MetricsRegistry],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
