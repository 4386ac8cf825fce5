import { Module } from '@nestjs/common';
import { DistrictModule } from '../district/district.module';
import { LiveAuthenticator } from './live-auth';
import { LivePublisher } from './live-publisher';
import { LiveGateway } from './live.gateway';
import { SnapshotCache } from './snapshot-cache';

@Module({ imports: [DistrictModule], providers: [LiveGateway, LivePublisher, LiveAuthenticator, SnapshotCache] })
export class LiveModule {}
