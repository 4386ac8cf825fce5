import { Module } from '@nestjs/common';
import { LiveAuthenticator } from './live-auth';
import { LivePublisher } from './live-publisher';
import { LiveGateway } from './live.gateway';
import { SnapshotCache } from './snapshot-cache';

@Module({ providers: [LiveGateway, LivePublisher, LiveAuthenticator, SnapshotCache] })
export class LiveModule {}
