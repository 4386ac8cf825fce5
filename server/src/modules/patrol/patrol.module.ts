import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PatrolAdminController } from './controllers/patrol-admin.controller';
import { PatrolFollowUpController } from './controllers/patrol-follow-up.controller';
import { PatrolNoticeDocumentController } from './controllers/patrol-notice-document.controller';
import { NoticeDocumentService } from './notice-document.service';
import { DeductionExportService } from './deduction-export.service';
import { PatrolController } from './controllers/patrol.controller';
import { PatrolJobsModule } from './jobs/patrol-jobs.module';
import { PatrolCheckpointsService } from './patrol-checkpoints.service';
import { PatrolEventsService } from './patrol-events.service';
import { PatrolFindingsService } from './patrol-findings.service';
import { PatrolNoticesService } from './patrol-notices.service';
import { PatrolPhotosService } from './patrol-photos.service';
import { PatrolScheduleService } from './patrol-schedule.service';
import { PatrolTodayService } from './patrol-today.service';
import { PatrolReactions } from './patrol-reactions';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NoticeSubjects } from './notice-subjects';
import { PATROL_ENTITIES } from './entities';

// Patrol rounds (docs/contracts/patrol.md): the phone page's API, the admin's schedule, checklist and
// follow-up, and the wall's patrol indicators and alerts. The schedule itself (planning and
// the BullMQ jobs) is PatrolJobsModule, which a worker process loads on its own.
@Module({
  imports: [TypeOrmModule.forFeature(PATROL_ENTITIES), PatrolJobsModule, CalendarModule],
  // The document controller first: its notices/:id.pdf and deductions/:month.xlsx go before the follow-up's :id and :month.
  controllers: [PatrolController, PatrolAdminController, PatrolNoticeDocumentController, PatrolFollowUpController],
  providers: [
    PatrolScheduleService,
    PatrolCheckpointsService,
    PatrolTodayService,
    PatrolEventsService,
    PatrolNoticesService,
    PatrolFindingsService,
    PatrolPhotosService,
    PatrolReactions,
    NoticeDocumentService,
    DeductionExportService,
    NoticeSubjects,
  ],
  exports: [PatrolNoticesService, PatrolFindingsService, NoticeSubjects],
})
export class PatrolModule {}
