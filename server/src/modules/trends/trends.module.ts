import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReviewDailyRollup } from './entities/review-daily-rollup.entity';
import { ReviewHourlyRollup } from './entities/review-hourly-rollup.entity';
import { RollupMark } from './entities/rollup-mark.entity';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

// The leaders' trends: rates, waits, rankings and heat maps read from the rollups, and
// their spreadsheet, whose ledger sheet lists follow-up cases (FOLLOW_UP_LEDGER, provided by the
// module given to `withLedger`). The rollups are folded by the follow-ups queue's worker
// (ReviewsJobsModule), which every process that runs jobs loads.
@Module({
  imports: [TypeOrmModule.forFeature([ReviewDailyRollup, ReviewHourlyRollup, RollupMark])],
  controllers: [TrendsController],
  providers: [TrendsService],
})
export class TrendsModule {
  static withLedger(ledger: Type): DynamicModule {
    return { module: TrendsModule, imports: [ledger] };
  }
}
