import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatrolJobsModule } from '../patrol/jobs/patrol-jobs.module';
import { PatrolModule } from '../patrol/patrol.module';
import { VisitNoticesController } from './controllers/visit-notices.controller';
import { VisitsController } from './controllers/visits.controller';
import { VISIT_ENTITIES } from './entities';
import { VisitChecklistService } from './visit-checklist.service';
import { VisitNoticesService } from './visit-notices.service';
import { VisitPhotosService } from './visit-photos.service';
import { VisitsService } from './visits.service';

// Field and mystery visits to the town centres and village stations (docs/contracts/visits.md).
// Their findings become patrol's notices (督查告知书), addressed to the town: VisitNoticesService
// registers itself with patrol's NoticeSubjects so the printed notice can tell their facts.
@Module({
  imports: [TypeOrmModule.forFeature(VISIT_ENTITIES), PatrolModule, PatrolJobsModule],
  // The notices' routes first: notices/addressed goes before the visits' :id.
  controllers: [VisitNoticesController, VisitsController],
  providers: [VisitsService, VisitChecklistService, VisitPhotosService, VisitNoticesService],
  exports: [VisitsService],
})
export class VisitsModule {}
