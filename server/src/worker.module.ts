import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { QueueModule } from './core/queue/queue.module';
import { Clock } from './core/time/clock';
import { HallwatchEventsModule } from './modules/domain-events/domain-events';
import { NotifyJobsModule } from './modules/notify/jobs/notify-jobs.module';
import { AlertRoutingJobsModule } from './modules/alert-routing/jobs/alert-routing-jobs.module';
import { PatrolJobsModule } from './modules/patrol/jobs/patrol-jobs.module';
import { RectificationJobsModule } from './modules/rectification/jobs/rectification-jobs.module';
import { RetentionJobsModule } from './modules/retention/jobs/retention-jobs.module';
import { ReviewsJobsModule } from './modules/reviews/jobs/reviews-jobs.module';
import { TrendsJobsModule } from './modules/trends/jobs/trends-jobs.module';
import { SnapshotModule } from './snapshot.module';

@Module({})
class WorkerClockModule {}

const JOBS_QUEUES: readonly QueueName[] = [
  QueueName.Maintenance,
  QueueName.Patrol,
  QueueName.FollowUps,
  QueueName.Rollups,
  QueueName.Rectification,
  QueueName.Notify,
  QueueName.Retention,
  QueueName.AlertRouting,
];
// Queues this process does not register through a feature's jobs module; the queue error
// logger looks every queue up, so each must be known.
const OTHER_QUEUES = Object.values(QueueName).filter((q) => !JOBS_QUEUES.includes(q));

/**
 * `hallwatch worker`: the BullMQ workers without HTTP or sockets (docs/contracts/reliability.md: workers as
 * separate processes). Features with jobs add their jobs module here.
 */
@Module({})
export class WorkerModule {
  /** `clock` is built by the caller so that it can be set before the workers start planning. */
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    const time: DynamicModule = {
      module: WorkerClockModule,
      global: true,
      providers: [{ provide: Clock, useValue: clock }],
      exports: [Clock],
    };
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL } }),
        time,
        // The jobs reach tables of features whose modules this process does not load.
        DatabaseModule.forRoot('every-file'),
        QueueModule,
        HallwatchEventsModule,
        BullModule.registerQueue(...OTHER_QUEUES.map((name) => ({ name }))),
        // The look-back judges the snapshot the wall shows: the same sources as the server's.
        SnapshotModule,
        PatrolJobsModule,
        ReviewsJobsModule,
        // A follow-up escalated here marks the rollups it changes, in its own transaction.
        TrendsJobsModule,
        RectificationJobsModule,
        NotifyJobsModule,
        RetentionJobsModule,
        // Sites nobody watches are judged here too, and the digests and escalations go from here.
        AlertRoutingJobsModule,
      ],
    };
  }
}
