import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NotifyJobsModule } from '../../notify/jobs/notify-jobs.module';
import { AlertDispatcher } from '../alert-dispatcher';
import { AlertRouter } from '../alert-router';
import { AlertSweepService } from '../alert-sweep.service';
import { AlertTracker } from '../alert-tracker';
import { DigestsService } from '../digests.service';
import { EscalationsService } from '../escalations.service';
import { AlertRoutingProcessor } from './alert-routing.processor';
import { AlertRoutingWorker } from './alert-routing.worker';

// What both the server and `hallwatch worker` load: the judge of the sites' alerts, the router
// that sends them through notify, the escalations, the digests and the minute's sweep.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.AlertRouting }), NotifyJobsModule],
  providers: [
    AlertTracker,
    AlertRouter,
    AlertDispatcher,
    AlertSweepService,
    EscalationsService,
    DigestsService,
    AlertRoutingProcessor,
    AlertRoutingWorker,
  ],
  exports: [DigestsService, AlertRoutingProcessor],
})
export class AlertRoutingJobsModule {}
