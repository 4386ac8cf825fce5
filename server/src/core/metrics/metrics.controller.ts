import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { Public } from '../auth/auth-rules';
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
  ) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    await this.queues.refresh();
    return this.metrics.registry.metrics();
  }
}
