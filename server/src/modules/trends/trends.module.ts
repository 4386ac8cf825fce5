import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReviewDailyRollup } from './entities/review-daily-rollup.entity';
import { ReviewHourlyRollup } from './entities/review-hourly-rollup.entity';
import { RollupMark } from './entities/rollup-mark.entity';
import { TrendsJobsModule } from './jobs/trends-jobs.module';
import { TrendsController } from './trends.controller';
import { TrendsService } from './trends.service';

// The leaders' trends: rates, waits, rankings and heat maps read from the rollups, and
// their spreadsheet, whose ledger sheet lists follow-up cases (FOLLOW_UP_LEDGER, provided by the
// module given to `withLedger`). The rollups are marked stale by domain events and folded by the
// rollups queue's worker (TrendsJobsModule, which the worker process loads too).
@Module({
  imports: [TypeOrmModule.forFeature([ReviewDailyRollup, ReviewHourlyRollup, RollupMark]), TrendsJobsModule],
  controllers: [TrendsController],
  providers: [TrendsService],
})
export class TrendsModule {
  static withLedger(ledger: Type): DynamicModule {
    return { module: TrendsModule, imports: [ledger] };
  }
}
