import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';

// The indicator service itself, with every feature's sources, is SnapshotModule's (server/src/snapshot.module.ts).
@Module({ controllers: [IndicatorsController] })
export class IndicatorsModule {}
