import { Module } from '@nestjs/common';
import { LiveAuthenticator } from './live-auth';
import { LivePublisher } from './live-publisher';
import { LiveGateway } from './live.gateway';

@Module({ providers: [LiveGateway, LivePublisher, LiveAuthenticator] })
export class LiveModule {}
