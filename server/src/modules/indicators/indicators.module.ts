import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LIVE_AGGREGATE_ENTITIES } from './aggregates/entities';
import { IndicatorHistoryRound } from './indicator-history-round.entity';
import { IndicatorHistory } from './indicator-history.entity';
import { IndicatorsController } from './indicators.controller';

// The indicator service itself, with every feature's sources, is SnapshotModule's (server/src/snapshot.module.ts).
@Module({
  imports: [TypeOrmModule.forFeature([IndicatorHistory, IndicatorHistoryRound, ...LIVE_AGGREGATE_ENTITIES])],
  controllers: [IndicatorsController],
})
export class IndicatorsModule {}
