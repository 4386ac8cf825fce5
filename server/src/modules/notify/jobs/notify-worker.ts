import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { RebuildingWorker } from '../../../core/queue/rebuilding-worker';
import { NotifyProducer } from './notify-producer';
import { NotifySync } from './notify-sync.service';
import { NotifyProcessor } from './notify.processor';

/** The notify worker: at start and after Redis lost its jobs, queues again every delivery PostgreSQL says is due. */
@Injectable()
export class NotifyWorker extends RebuildingWorker {
  constructor(config: AppConfig, processor: NotifyProcessor, producer: NotifyProducer, sync: NotifySync) {
    super(config, processor, producer, sync, { context: 'notify', holding: 'the notify queue' });
  }
}
