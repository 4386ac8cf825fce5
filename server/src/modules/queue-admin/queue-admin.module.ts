import { Module } from '@nestjs/common';
import { QueueAdminController } from './queue-admin.controller';
import { QueueAdminService } from './queue-admin.service';

/** The admin's queue page: counts, failed jobs with their errors, retry (docs/operations.md). */
@Module({ controllers: [QueueAdminController], providers: [QueueAdminService] })
export class QueueAdminModule {}
