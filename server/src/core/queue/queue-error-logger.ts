import { QueueName } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';

// A queue with no 'error' listener throws when Redis goes away; Hallwatch must log and carry on.
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('queue');

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      let failing = false;
      queue.on('error', (err) => {
        if (!failing) this.logger.warn(`queue ${name}: ${err.message}`);
        failing = true;
      });
    }
  }
}
