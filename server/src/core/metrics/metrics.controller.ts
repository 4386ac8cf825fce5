import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { Public } from '../auth/auth-rules';
import { DatabaseMetrics } from './database-metrics';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics-registry';
import { QueueMetrics } from './queue-metrics';

/** Prometheus' scrape endpoint: no session, its own token or network instead (MetricsAccessGuard). */
@Controller('metrics')
@Public()
@ApiExcludeController()
@UseGuards(MetricsAccessGuard)
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly queues: QueueMetrics,
    private readonly database: DatabaseMetrics,
  ) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await Promise.all([this.queues.refresh(), this.database.refresh()]);
    return this.metrics.registry.metrics();
  }
}
