import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertRoutingController } from './alert-routing.controller';
import { AlertRulesService } from './alert-rules.service';
import { AlertDispatch } from './entities/alert-dispatch.entity';
import { AlertRecipient } from './entities/alert-recipient.entity';
import { AlertRule } from './entities/alert-rule.entity';
import { AlertState } from './entities/alert-state.entity';
import { AlertRoutingJobsModule } from './jobs/alert-routing-jobs.module';

// Which alerts reach whom: the rules screen's API here, the routing itself in the jobs module
// (which `hallwatch worker` loads too).
@Module({
  imports: [TypeOrmModule.forFeature([AlertRule, AlertRecipient, AlertState, AlertDispatch]), AlertRoutingJobsModule],
  controllers: [AlertRoutingController],
  providers: [AlertRulesService],
})
export class AlertRoutingModule {}
