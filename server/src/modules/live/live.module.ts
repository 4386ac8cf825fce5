import { Module } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { DistrictModule } from '../district/district.module';
import { LiveAuthenticator } from './live-auth';
import { LiveMetrics } from './live-metrics';
import { LivePublisher } from './live-publisher';
import { LiveGateway } from './live.gateway';
import { ReadGate } from './read-gate';
import { SnapshotCache } from './snapshot-cache';

@Module({
  imports: [DistrictModule],
  providers: [
    LiveGateway,
    LivePublisher,
    LiveAuthenticator,
    SnapshotCache,
    LiveMetrics,
    { provide: ReadGate, useFactory: (config: AppConfig) => new ReadGate(config.LIVE_READ_CONCURRENCY), inject: [AppConfig] },
  ],
})
export class LiveModule {}
