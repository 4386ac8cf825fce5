import { QueueName } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import type { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';

/** The BullMQ queues this process registered, by name: each feature registers its own, and a process without one skips it. */
export function registeredQueues(moduleRef: ModuleRef): Map<QueueName, Queue> {
  const out = new Map<QueueName, Queue>();
  for (const name of Object.values(QueueName))
    try {
      out.set(name, moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    } catch {
      // Not registered in this process.
    }
  return out;
}
