import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { QueueModule } from './core/queue/queue.module';
import { Clock } from './core/time/clock';
import { HallwatchEventsModule } from './modules/domain-events/domain-events';
import { IndicatorsService } from './modules/indicators/indicators.service';
import { PatrolJobsModule } from './modules/patrol/jobs/patrol-jobs.module';
import { usePatrolIndicators } from './modules/patrol/patrol-source';
import { RectificationJobsModule } from './modules/rectification/jobs/rectification-jobs.module';
import { ReviewsJobsModule } from './modules/reviews/jobs/reviews-jobs.module';

@Module({})
class WorkerClockModule {}

// The look-back judges the snapshot the wall shows, patrol numbers included; in the server
// PatrolModule plugs them in, but its HTTP side is not loaded here.
@Global()
@Module({ providers: [IndicatorsService], exports: [IndicatorsService] })
class WorkerIndicatorsModule implements OnModuleInit {
  constructor(private readonly indicators: IndicatorsService) {}

  onModuleInit(): void {
    usePatrolIndicators(this.indicators);
  }
}

const JOBS_QUEUES: readonly QueueName[] = [QueueName.Maintenance, QueueName.Patrol, QueueName.FollowUps, QueueName.Rectification];
// Queues this process does not register through a feature's jobs module; the queue error
// logger looks every queue up, so each must be known.
const OTHER_QUEUES = Object.values(QueueName).filter((q) => !JOBS_QUEUES.includes(q));

/**
 * `hallwatch worker`: the BullMQ workers without HTTP or sockets (SPEC §10: workers as
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
        DatabaseModule,
        QueueModule,
        HallwatchEventsModule,
        BullModule.registerQueue(...OTHER_QUEUES.map((name) => ({ name }))),
        WorkerIndicatorsModule,
        PatrolJobsModule,
        ReviewsJobsModule,
        RectificationJobsModule,
      ],
    };
  }
}
