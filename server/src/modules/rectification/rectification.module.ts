import { Module } from '@nestjs/common';
import { RectificationImportController } from './controllers/rectification-import.controller';
import { RectificationItemsController } from './controllers/rectification-items.controller';
import { RectificationLinksController } from './controllers/rectification-links.controller';
import { RectificationJobsModule } from './jobs/rectification-jobs.module';
import { RectificationService } from './rectification.service';
import { RectificationLinksService } from './rectification-links.service';
import { ReportImportService } from './report-import.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RectificationEvidence } from './entities/rectification-evidence.entity';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink } from './entities/rectification-link.entity';
import { RectificationRebound } from './entities/rectification-rebound.entity';
import { RectificationReport } from './entities/rectification-report.entity';

// The 60 rectification items (docs/contracts/rectification.md): import, links to live indicators, evidence,
// history, the look-back and the ledger. Rebounds reach the wall as snapshot alerts. The
// look-back's schedule is RectificationJobsModule, which a worker process loads on its own.
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RectificationReport,
      RectificationItem,
      RectificationLink,
      RectificationEvidence,
      RectificationHistory,
      RectificationRebound,
    ]),
    RectificationJobsModule,
  ],
  controllers: [RectificationImportController, RectificationItemsController, RectificationLinksController],
  providers: [ReportImportService, RectificationService, RectificationLinksService],
  // The register files its monthly figures as evidence on items 50 and 51 (modules/absences).
  exports: [RectificationService],
})
export class RectificationModule {}
