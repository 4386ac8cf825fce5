import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatrolModule } from '../patrol/patrol.module';
import { RectificationModule } from '../rectification/rectification.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { TrendsService } from '../trends/trends.service';
import { MonthlyReportProcessor } from './jobs/monthly-report.processor';
import { MonthlyReportWorker } from './jobs/monthly-report.worker';
import { OfficeReport } from './office-report.entity';
import { OfficeReportsController } from './office-reports.controller';
import { OfficeReportsService } from './office-reports.service';
import { ReportFigures } from './report-figures';

// The office's documents (docs/contracts/reports.md): the monthly report and the draft of the
// next 整改情况 report as .docx, their store, and the monthly schedule. The figures are read
// through the services behind the screens; TrendsService is stateless over the rollups, so it
// is provided here rather than exported from the trends module (whose ledger is wired by the app).
// The schedule runs in the server's workers: a separate `hallwatch worker` process does not load it.
@Module({
  imports: [
    TypeOrmModule.forFeature([OfficeReport]),
    BullModule.registerQueue({ name: QueueName.Reports }),
    PatrolModule,
    ReviewsModule,
    RectificationModule,
  ],
  controllers: [OfficeReportsController],
  providers: [TrendsService, ReportFigures, OfficeReportsService, MonthlyReportProcessor, MonthlyReportWorker],
})
export class ReportsModule {}
