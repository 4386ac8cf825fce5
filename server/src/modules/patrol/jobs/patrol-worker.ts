import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { RebuildingWorker } from '../../../core/queue/rebuilding-worker';
import { PatrolJobsProducer } from './patrol-jobs.producer';
import { PatrolSync } from './patrol-sync.service';
import { PatrolProcessor } from './patrol.processor';

/** The patrol worker: at start and after Redis lost its jobs, rebuilds the schedule from PostgreSQL. */
@Injectable()
export class PatrolWorker extends RebuildingWorker {
  constructor(config: AppConfig, processor: PatrolProcessor, producer: PatrolJobsProducer, sync: PatrolSync) {
    super(config, processor, producer, sync, { context: 'patrol', holding: 'the patrol schedule' });
  }
}
